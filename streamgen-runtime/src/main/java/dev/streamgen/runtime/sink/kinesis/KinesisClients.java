package dev.streamgen.runtime.sink.kinesis;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Builds Kinesis clients from the options, and keeps one per destination and identity in each JVM:
 * a streaming query opens a writer per partition per micro-batch, and a client is costly to build
 * (endpoint rules, credential resolution) while being safe to share between threads.
 */
final class KinesisClients {
  /** Long enough for a 10 MiB request on a slow link; the SDK's own retries sit on top. */
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final ConcurrentMap<Key, KinesisClient> SHARED = new ConcurrentHashMap<>();

  private KinesisClients() {}

  /** The JVM-wide client for these options' destination and credentials; never close it. */
  static KinesisClient shared(KinesisSinkOptions options) {
    return SHARED.computeIfAbsent(new Key(options), k -> create(options));
  }

  /** A new client the caller owns and closes. */
  static KinesisClient create(KinesisSinkOptions options) {
    return KinesisClient.builder()
        .region(Region.of(options.region()))
        .endpointOverride(options.endpointUrl())
        .credentialsProvider(credentials(options))
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT))
        .build();
  }

  private static AwsCredentialsProvider credentials(KinesisSinkOptions o) {
    if (!o.hasStaticCredentials()) {
      return DefaultCredentialsProvider.builder().build();
    }
    if (o.sessionToken() != null) {
      return StaticCredentialsProvider.create(
          AwsSessionCredentials.create(o.accessKeyId(), o.secretAccessKey(), o.sessionToken()));
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(o.accessKeyId(), o.secretAccessKey()));
  }

  /** What makes two clients interchangeable. Held in memory only, never printed. */
  private static final class Key {
    private final Object[] parts;

    Key(KinesisSinkOptions o) {
      URI endpoint = o.endpointUrl();
      this.parts =
          new Object[] {
            o.region(), endpoint, o.accessKeyId(), o.secretAccessKey(), o.sessionToken()
          };
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key && Arrays.equals(parts, ((Key) other).parts);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(parts);
    }

    @Override
    public String toString() {
      return "KinesisClients.Key";
    }
  }
}
