// 'mvn streamgen:generate' resolved the prefix to our plugin and ran the goal from the command line.
def log = new File(basedir, 'build.log').text
assert log =~ /--- streamgen:[^:]+:generate \(default-cli\) @ explicit-goal-by-prefix ---/
assert log.contains('[INFO] streamgen: 2 event types from 1 file, generated ')
def sources = new File(basedir, 'target/generated-sources/streamgen')
def javaFiles = []
sources.eachFileRecurse { if (it.name.endsWith('.java')) javaFiles << it }
assert !javaFiles.isEmpty()
assert new File(basedir, 'target/generated-resources/streamgen/META-INF/streamgen/catalogs').isFile()
