package dev.sgrevoker.model;

/** Which shape of input a request arrived in, as reported in the result. */
public enum InputForm {
    CLI_INPUT_JSON("cli-input-json"),
    SIMPLIFIED_FLAGS("simplified-flags"),
    SHORTHAND("shorthand"),
    REQUEST_LIST("request-list");

    private final String wireName;

    InputForm(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
