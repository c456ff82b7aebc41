package dev.sgrevoker.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh moto and points the AWS SDK at it only through the SDK's own settings (system
 * properties read when a client is built), so the code under test builds its real clients unchanged.
 */
public final class MotoExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MotoExtension.class);

    /** Service-specific endpoints a test may set to route one service through a fault proxy. */
    public static final String EC2_ENDPOINT = "aws.endpointUrlEc2";

    public static final String EVENTBRIDGE_ENDPOINT = "aws.endpointUrlEventBridge";

    /** moto answers BatchUpdateFindings 404: a test that checks the notes routes Security Hub to a stand-in. */
    public static final String SECURITYHUB_ENDPOINT = "aws.endpointUrlSecurityHub";

    /** moto has no RAM ListResources (404): a test that checks sharing routes RAM to a stand-in. */
    public static final String RAM_ENDPOINT = "aws.endpointUrlRam";

    @Override
    public void beforeAll(ExtensionContext context) {
        // Held by the root store, which JUnit closes when the whole suite ends.
        context.getRoot().getStore(NS).getOrComputeIfAbsent("moto", k -> MotoServer.get(), MotoServer.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        MotoServer moto = MotoServer.get();
        moto.reset();
        System.setProperty("aws.endpointUrl", moto.url());
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.clearProperty("aws.sessionToken");
        System.clearProperty(EC2_ENDPOINT);
        System.clearProperty(EVENTBRIDGE_ENDPOINT);
        System.clearProperty(SECURITYHUB_ENDPOINT);
        System.clearProperty(RAM_ENDPOINT);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.clearProperty(EC2_ENDPOINT);
        System.clearProperty(EVENTBRIDGE_ENDPOINT);
        System.clearProperty(SECURITYHUB_ENDPOINT);
        System.clearProperty(RAM_ENDPOINT);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return MotoServer.get();
    }
}
