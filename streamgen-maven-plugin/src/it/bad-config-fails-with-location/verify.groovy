// A broken events.yaml: BUILD FAILURE whose message lists every error as path:line:col: message,
// Maven's own "[ERROR]" lines only (no stack trace), and no generated output or cache left behind.
def log = new File(basedir, 'build.log').text
def yaml = new File(basedir, 'src/main/streamgen/events.yaml').canonicalPath

assert log.contains('[INFO] BUILD FAILURE')
assert log.contains(':generate (default) on project bad-config-fails-with-location: streamgen: 3 errors in event definitions:')
[
    "${yaml}:19:9: event 'user.purchase' field 'amount': missing key 'range' (type float needs range: [min, max])",
    "${yaml}:20:9: event 'user.purchase' field 'amount': unknown key 'rnage'; did you mean 'range'?",
    "${yaml}:27:16: event 'user.session.end' field 'session_duration_sec': range [7200, 60] is empty (min > max)",
].each { error ->
    assert log.readLines().contains('[ERROR] ' + error) : "missing: ${error}"
}
assert !(log =~ /(?m)^\s+at [a-z]+\./) : 'a stack trace was printed'
// A MojoFailureException (the user's input is wrong), not a MojoExecutionException (our fault).
assert log.contains('MAVEN/MojoFailureException')
assert !log.contains('MojoExecutionException')

assert !new File(basedir, 'target/generated-sources/streamgen').exists()
assert !new File(basedir, 'target/generated-resources/streamgen').exists()
assert !new File(basedir, 'target/streamgen-schemas').exists()
assert !new File(basedir, 'target/streamgen-cache').exists()
