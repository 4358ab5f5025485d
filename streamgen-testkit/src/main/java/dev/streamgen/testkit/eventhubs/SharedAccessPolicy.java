package dev.streamgen.testkit.eventhubs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One shared access policy (key name + key) and the check Event Hubs makes on a CBS put-token signed
 * with it: {@code SharedAccessSignature sr=<url-encoded resource>&sig=<url-encoded base64
 * HMAC-SHA256 of "<url-encoded resource>\n<expiry>">&se=<expiry>&skn=<key name>}. The key's UTF-8
 * bytes are the HMAC key, as the service and every SDK use them (not base64-decoded).
 *
 * <p>Refusals carry the status description the 401 answer sends; like the service, a wrong key and
 * an unknown key name get the same answer, so the reply does not tell which policy names exist.
 */
final class SharedAccessPolicy {
  static final String SAS_TOKEN_TYPE = "servicebus.windows.net:sastoken";
  static final String INVALID_SIGNATURE = "InvalidSignature: The token has an invalid signature.";

  private static final String PREFIX = "SharedAccessSignature ";

  private final String keyName;
  private final String key;

  SharedAccessPolicy(String keyName, String key) {
    this.keyName = keyName;
    this.key = key;
  }

  String keyName() {
    return keyName;
  }

  String key() {
    return key;
  }

  /**
   * Null when {@code token} (of CBS {@code type}) grants access to {@code audience} (the put-token's
   * {@code name}, e.g. {@code amqp://localhost/hub1}) at {@code nowEpochSeconds}; else why not.
   */
  String refusal(String type, Object token, String audience, long nowEpochSeconds) {
    if (!SAS_TOKEN_TYPE.equals(type) || !(token instanceof String) || !((String) token).startsWith(PREFIX)) {
      return "InvalidToken: this endpoint accepts shared access signatures only (type " + SAS_TOKEN_TYPE + ").";
    }
    Map<String, String> fields = new HashMap<>();
    for (String part : ((String) token).substring(PREFIX.length()).split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    String sr = fields.get("sr");
    String sig = fields.get("sig");
    String se = fields.get("se");
    String skn = fields.get("skn");
    if (sr == null || sig == null || se == null || skn == null) {
      return "InvalidToken: a shared access signature needs sr, sig, se and skn.";
    }
    // The signature covers sr exactly as written in the token (still url-encoded) and se.
    if (!keyName.equals(decode(skn))
        || !MessageDigest.isEqual(sign(sr + "\n" + se), decode(sig).getBytes(StandardCharsets.US_ASCII))) {
      return INVALID_SIGNATURE;
    }
    long expiry;
    try {
      expiry = Long.parseLong(decode(se));
    } catch (NumberFormatException e) {
      return "InvalidToken: se '" + se + "' is not a time in seconds since 1970.";
    }
    if (expiry <= nowEpochSeconds) {
      return "ExpiredToken: The token is expired. Expiration time: " + expiry + ".";
    }
    String resource = withoutScheme(decode(sr));
    String entity = withoutScheme(audience);
    if (!(entity.equals(resource) || entity.startsWith(resource + "/"))) {
      return "InvalidAudience: The token is for '" + decode(sr) + "', not '" + audience + "'.";
    }
    return null;
  }

  /** base64 of HMAC-SHA256(key, text), as ASCII bytes. */
  private byte[] sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encode(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }

  /** Scheme dropped (tokens may say sb:// or amqp:// for the same entity), lower case, no trailing /. */
  private static String withoutScheme(String uri) {
    String s = uri.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "").toLowerCase(Locale.ROOT);
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s; // compared as written, so a malformed escape simply fails the check
    }
  }
}
