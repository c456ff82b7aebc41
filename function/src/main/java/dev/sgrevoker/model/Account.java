package dev.sgrevoker.model;

/** The AWS account a group is in: the function's own, or a member account it reaches through the member role. */
public sealed interface Account {
    Account OWN = new Own();

    /** The account the function runs in; its id is learnt from the invoked ARN, and EC2 names it as the owner. */
    record Own() implements Account {}

    /** A member account, by its 12-digit id. */
    record Member(String id) implements Account {
        public Member {
            if (id == null || !id.matches("\\d{12}")) {
                throw new IllegalArgumentException("'" + id + "' is not a 12-digit account id");
            }
        }
    }
}
