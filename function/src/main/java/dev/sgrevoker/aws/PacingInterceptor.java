package dev.sgrevoker.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Paces every HTTP attempt the EC2 client makes, its own retries included (the SDK calls these hooks once per
 * attempt), so the client never outruns EC2's buckets. A throttled answer empties the bucket: EC2's was empty.
 */
final class PacingInterceptor implements ExecutionInterceptor {
    private final CallPacer describes;
    private final CallPacer mutations;

    PacingInterceptor(CallPacer describes, CallPacer mutations) {
        this.describes = describes;
        this.mutations = mutations;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        pacer(attributes).acquire();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (context.httpResponse().statusCode() == 503) {
            pacer(attributes).drain();
        }
    }

    private CallPacer pacer(ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return operation != null && operation.startsWith("Describe") ? describes : mutations;
    }
}
