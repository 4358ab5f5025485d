package dev.streamgen.testkit.eventhubs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The token check on its own, with tokens signed outside Java (Python's hmac/base64/urllib, the
 * recipe the Event Hubs documentation gives), so the expected signatures do not come from the code
 * under test. The SDK's own tokens are checked end to end in streamgen-runtime's
 * EventHubsTestServerTest and BadRunInputTest.
 */
class SharedAccessPolicyTest {
  private static final String TYPE = SharedAccessPolicy.SAS_TOKEN_TYPE;
  private static final long NOW = 1_800_000_000L; // 2027-01-15
  /** Key "s3cr3t-key", policy "send", for amqp://localhost/hub1, expiring 2100-01-01. */
  private static final String HUB1 =
      "SharedAccessSignature sr=amqp%3A%2F%2Flocalhost%2Fhub1&sig=Y%2FrRyQqqC6y0hnZyln5boPxpgAkBpZBgSt4D6f%2FKjBI%3D"
          + "&se=4102444800&skn=send";
  /** The same, expired in 2023. */
  private static final String EXPIRED =
      "SharedAccessSignature sr=amqp%3A%2F%2Flocalhost%2Fhub1&sig=KYTuzWhygYo83zWUppO%2BHV0mcXRsUPf8P89MewOur74%3D"
          + "&se=1700000000&skn=send";
  /** The same key, for hub2. */
  private static final String HUB2 =
      "SharedAccessSignature sr=amqp%3A%2F%2Flocalhost%2Fhub2&sig=F0WANlvd1LAntYIAFvM3BVW%2FaI%2BWtZm70SPzVVrTVJo%3D"
          + "&se=4102444800&skn=send";

  private final SharedAccessPolicy policy = new SharedAccessPolicy("send", "s3cr3t-key");

  @Test
  void acceptsATokenForTheHubAndItsPartitions() {
    assertThat(policy.refusal(TYPE, HUB1, "amqp://localhost/hub1", NOW)).isNull();
    assertThat(policy.refusal(TYPE, HUB1, "amqp://localhost/hub1/Partitions/3", NOW)).isNull();
    assertThat(policy.refusal(TYPE, HUB1, "sb://LOCALHOST/hub1/", NOW)).as("scheme and case").isNull();
  }

  @Test
  void refusesAnotherKeyOrKeyNameAlikeAsTheServiceDoes() {
    assertThat(new SharedAccessPolicy("send", "s3cr3t-kez").refusal(TYPE, HUB1, "amqp://localhost/hub1", NOW))
        .isEqualTo("InvalidSignature: The token has an invalid signature.");
    assertThat(new SharedAccessPolicy("listen", "s3cr3t-key").refusal(TYPE, HUB1, "amqp://localhost/hub1", NOW))
        .isEqualTo("InvalidSignature: The token has an invalid signature.");
    assertThat(policy.refusal(TYPE, HUB1.replace("se=4102444800", "se=4102444801"), "amqp://localhost/hub1", NOW))
        .as("an expiry changed after signing")
        .isEqualTo("InvalidSignature: The token has an invalid signature.");
  }

  @Test
  void refusesExpiredTokensOtherEntitiesAndOtherTokenTypes() {
    assertThat(policy.refusal(TYPE, EXPIRED, "amqp://localhost/hub1", NOW))
        .isEqualTo("ExpiredToken: The token is expired. Expiration time: 1700000000.");
    assertThat(policy.refusal(TYPE, HUB2, "amqp://localhost/hub1", NOW))
        .isEqualTo("InvalidAudience: The token is for 'amqp://localhost/hub2', not 'amqp://localhost/hub1'.");
    assertThat(policy.refusal(TYPE, HUB1, "amqp://localhost/hub10", NOW))
        .isEqualTo("InvalidAudience: The token is for 'amqp://localhost/hub1', not 'amqp://localhost/hub10'.");
    assertThat(policy.refusal("jwt", "eyJ0eXAiOiJKV1QifQ.e30.sig", "amqp://localhost/hub1", NOW))
        .isEqualTo("InvalidToken: this endpoint accepts shared access signatures only (type servicebus.windows.net:sastoken).");
    assertThat(policy.refusal(TYPE, "SharedAccessSignature sr=x&se=1", "amqp://localhost/hub1", NOW))
        .isEqualTo("InvalidToken: a shared access signature needs sr, sig, se and skn.");
  }
}
