package dev.streamgen.runtime.sink.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GroundTruthKeyTest {
  @Test
  void keyCarriesTheRowIndexAndTheDuplicateFlag() {
    assertThat(GroundTruthKey.partitionKey("user-7", 42, false)).isEqualTo("user-7|42");
    assertThat(GroundTruthKey.partitionKey("user-7", 42, true)).isEqualTo("user-7|42|dup");
    assertThat(GroundTruthKey.partitionKey("a|b", 0, false)).isEqualTo("a|b|0");
  }

  @Test
  void aMissingKeyStaysMissingForTheBatcherToRefuse() {
    assertThat(GroundTruthKey.partitionKey("", 3, true)).isEmpty();
    assertThat(GroundTruthKey.partitionKey(null, 3, true)).isNull();
    assertThat(new GroundTruthKey().explicitHashKey(null)).isNull();
  }

  @Test
  void hashKeyIsTheUnsignedDecimalMd5OfTheOriginalKeysUtf8Bytes() {
    // Expected values from Python: int(hashlib.md5(key.encode('utf-8')).hexdigest(), 16)
    GroundTruthKey keys = new GroundTruthKey();
    assertThat(keys.explicitHashKey("user-7")).isEqualTo("86119627827726738194382836302848251264");
    assertThat(keys.explicitHashKey("é|x")).isEqualTo("17501488848123768962084283460537316748");
  }
}
