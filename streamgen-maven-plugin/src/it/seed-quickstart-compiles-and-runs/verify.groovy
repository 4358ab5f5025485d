// The seed's Quick Start YAML, verbatim, in a project built as a user would build it: generated,
// compiled for Java 8, run, and its events decoded here with independent tools (Groovy's JSON
// parser, Apache Avro with the generated .avsc), and the schemas jar installed.
import groovy.json.JsonSlurper
import java.util.zip.ZipFile
import org.apache.avro.Schema
import org.apache.avro.SchemaNormalization
import org.apache.avro.generic.GenericData
import org.apache.avro.generic.GenericRecord
import org.apache.avro.message.BinaryMessageDecoder

def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] streamgen: 3 event types from 1 file, generated \d+ files/
assert log.contains('sampled 300 events of 3 event types')

// Every generated class is Java 8 bytecode (major version 52).
def generated = []
new File(basedir, 'target/generated-sources/streamgen').eachFileRecurse { if (it.name.endsWith('.java')) generated << it }
assert generated.size() >= 4 : 'a class per event type and a catalog'
generated.each { source ->
    def relative = new File(basedir, 'target/generated-sources/streamgen').toPath().relativize(source.toPath()).toString()
    def classFile = new File(basedir, 'target/classes/' + relative.replace('.java', '.class'))
    assert classFile.isFile() : classFile
    def bytes = classFile.bytes
    assert ((bytes[6] & 0xff) << 8 | (bytes[7] & 0xff)) == 52 : "${classFile} is not Java 8 bytecode"
}

// The declared fields, in payload order (common fields first), and what each may hold.
def uuid = ~/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/
def expected = [
    'user.session.start': [
        user_id    : { it instanceof Integer && it >= 1 && it <= 1000000 },
        session_id : { it instanceof String && it ==~ uuid },
        device_type: { it in ['iOS', 'Android', 'Web'] }],
    'user.purchase': [
        user_id       : { it instanceof Integer && it >= 1 && it <= 1000000 },
        transaction_id: { it instanceof String && it ==~ uuid },
        amount        : { it instanceof Number && it >= 0.99 && it <= 999.99 }],
    'user.session.end': [
        user_id             : { it instanceof Integer && it >= 1 && it <= 1000000 },
        session_duration_sec: { it instanceof Integer && it >= 60 && it <= 7200 }],
]

// The installed schemas jar (what a consumer resolves), identical to the one built.
def installed = new File(localRepositoryPath,
    'dev/streamgen/it/seed-quickstart-compiles-and-runs/1.0/seed-quickstart-compiles-and-runs-1.0-schemas.jar')
assert installed.isFile() : 'schemas artifact was not installed'
assert installed.bytes == new File(basedir, 'target/seed-quickstart-compiles-and-runs-1.0-schemas.jar').bytes
def avsc = [:]
new ZipFile(installed).withCloseable { zip ->
    def names = zip.entries().collect { it.name }
    assert names == names.toSorted() : 'entries not sorted'
    assert names.any { it.endsWith('.proto') }
    names.findAll { it.endsWith('.avsc') }.each { avsc[it] = new Schema.Parser().parse(zip.getInputStream(zip.getEntry(it)).text) }
}
assert avsc.size() == 3 : avsc.keySet()
def decoder = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), null)
avsc.values().each { decoder.addSchema(it) }

def json = [:]
def avro = [:]
new File(basedir, 'target/sample-events.tsv').eachLine { line ->
    def (type, format, row, payload) = line.split('\t')
    def bytes = payload.decodeBase64()
    if (format == 'json') {
        json[[type, row]] = new JsonSlurper().parseText(new String(bytes, 'UTF-8'))
    } else {
        assert format == 'avro'
        assert (bytes[0] & 0xff) == 0xC3 && (bytes[1] & 0xff) == 0x01 : 'not Avro single-object encoding'
        avro[[type, row]] = decoder.decode(bytes)
    }
}
assert json.size() == 150 && avro.size() == 150
json.each { key, event ->
    def (type, row) = key
    def fields = expected[type]
    assert fields != null : "unexpected event type ${type}"
    assert event.keySet() as List == fields.keySet() as List : "${type} row ${row}: fields ${event.keySet()}"
    fields.each { name, valid -> assert valid(event[name]) : "${type} row ${row}: ${name} = ${event[name]}" }
    // The Avro encoding of the same row carries the same values.
    def record = avro[key]
    assert record.schema.fields*.name() == fields.keySet() as List
    fields.keySet().each { name ->
        def a = record.get(name)
        def j = event[name]
        if (j instanceof BigDecimal) {
            assert Math.abs(a - j) < 1e-9 : "${type} row ${row}: ${name} avro ${a} json ${j}"
        } else {
            assert a.toString() == j.toString() : "${type} row ${row}: ${name} avro ${a} json ${j}"
        }
    }
}
// 50 rows of a type are not all the same event.
expected.keySet().each { type ->
    assert (0..<50).collect { json[[type, it.toString()]].toString() }.toSet().size() > 40
}

// Invoker fails a post-build script that returns anything but true or null.
true
