// -Dstreamgen.skip=true: the goal ran, said so, and wrote nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] streamgen: skipped (streamgen.skip=true)')
assert !log.contains('event types from')
assert !new File(basedir, 'target/generated-sources/streamgen').exists()
assert !new File(basedir, 'target/generated-resources/streamgen').exists()
assert !new File(basedir, 'target/streamgen-schemas').exists()
assert !new File(basedir, 'target/streamgen-cache').exists()
assert !new File(basedir, 'target/skip-generates-nothing-1.0-schemas.jar').exists()
