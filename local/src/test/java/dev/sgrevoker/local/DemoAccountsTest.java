package dev.sgrevoker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DemoAccountsTest {
    @Test
    void aLoopbackOrContainerHostIsLocal() {
        assertEquals("http://127.0.0.1:5000", DemoAccounts.localEndpoint("http://127.0.0.1:5000"));
        assertEquals("http://localstack:4566", DemoAccounts.localEndpoint(" http://localstack:4566 "));
    }

    @Test
    void awsOwnHostsAreNeverLocalSoNothingIsCreatedInARealAccount() {
        assertNull(DemoAccounts.localEndpoint("https://ec2.us-east-1.amazonaws.com"));
        assertNull(DemoAccounts.localEndpoint("https://SQS.cn-north-1.AmazonAWS.com.cn"));
        assertNull(DemoAccounts.localEndpoint("https://ec2.us-east-1.api.aws"));
    }

    @Test
    void noEndpointIsNotLocal() {
        assertNull(DemoAccounts.localEndpoint(null));
        assertNull(DemoAccounts.localEndpoint(""));
    }
}
