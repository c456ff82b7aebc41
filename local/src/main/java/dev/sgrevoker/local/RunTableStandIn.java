package dev.sgrevoker.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The run table (template.yaml's RunTable) at a local endpoint: keys pk and sk, on demand; kept if already there. */
final class RunTableStandIn {
    private RunTableStandIn() {}

    static String create(String name) {
        try (DynamoDbClient dynamo = DynamoDbClient.create()) {
            dynamo.createTable(t -> t.tableName(name)
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(
                            a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                    .keySchema(
                            k -> k.attributeName("pk").keyType(KeyType.HASH),
                            k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        } catch (ResourceInUseException exists) {
            // an earlier run at this endpoint made it: its runs stay, each under its own run id
        }
        return name;
    }
}
