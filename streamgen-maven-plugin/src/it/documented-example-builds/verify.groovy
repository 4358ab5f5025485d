// The example of docs/plugin.md: it builds, every non-default parameter took effect, and the page
// shows exactly the plugin section of this (filtered) pom.
import java.util.zip.ZipFile

def pom = new File(basedir, 'pom.xml').text
def begin = '<!-- documented-example:begin -->\n'
def end = '      <!-- documented-example:end -->'
def section = pom.substring(pom.indexOf(begin) + begin.length(), pom.indexOf(end))
def docs = new File(repositoryRoot, 'docs/plugin.md').text
def docBegin = '<!-- documented-example:begin -->\n```xml\n'
def documented = docs.substring(docs.indexOf(docBegin) + docBegin.length(),
                                docs.indexOf('```\n<!-- documented-example:end -->'))
assert documented == section : "docs/plugin.md no longer shows this IT's plugin section verbatim"

def log = new File(basedir, 'build.log').text
assert log.contains('--- streamgen:') && log.contains(':generate (generate-events) @ documented-example-builds ---')
// Only shop/events.yaml: drafts/unfinished.yaml is excluded (it would fail validation).
assert log.contains('[INFO] streamgen: 2 event types from 1 file, generated ')

def javaFiles = []
new File(basedir, 'target/generated-sources/events').eachFileRecurse { if (it.name.endsWith('.java')) javaFiles << it }
assert !javaFiles.isEmpty()
javaFiles.each { assert it.path.contains('/com/example/events/') : it }
// Event classes in the package; the classes building the types' kernels in its kernels sub-package.
assert javaFiles.every { it.text =~ /(?m)^package com\.example\.events(\.kernels)?;$/ }
assert !new File(basedir, 'target/generated-sources/streamgen').exists()

assert new File(basedir, 'target/generated-resources/events/META-INF/streamgen/catalogs').isFile()
assert new File(basedir, 'target/classes/META-INF/streamgen/catalogs').isFile() : 'resources were not added to the build'
def classes = []
new File(basedir, 'target/classes/com/example/events').eachFileRecurse { if (it.name.endsWith('.class')) classes << it }
assert !classes.isEmpty() : 'generated sources were not compiled'

def schemaDir = new File(basedir, 'target/event-schemas')
def schemaFiles = []
schemaDir.eachFileRecurse { if (it.isFile()) schemaFiles << schemaDir.toPath().relativize(it.toPath()).toString() }
def jar = new File(basedir, 'target/documented-example-builds-1.0-schemas.jar')
def entries = new ZipFile(jar).withCloseable { z -> z.entries().collect { [it.name, it.timeLocal] } }
assert entries*.getAt(0) == schemaFiles.sort()
assert entries*.getAt(1).every { it.toString() == '2026-01-01T00:00' }
