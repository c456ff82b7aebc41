package dev.sgrevoker.bench.crac;

public class RestoreException extends Exception {
    public RestoreException(Throwable cause) {
        super(cause);
    }
}
