// Each run wrote what it was asked to: read back from the Delta logs (add actions' numRecords), and
// the console run's own summary in the build log.
def rowsIn = evaluate(new File(repositoryRoot, 'streamgen-maven-plugin/src/it/delta-rows.groovy'))

assert rowsIn(new File(basedir, 'target/events-batch')) == 1000
assert rowsIn(new File(basedir, 'target/events-stream')) > 0

def log = new File(basedir, 'build.log').text
assert log.contains('streamgen: running dev.streamgen.runtime.Main --rows 20 --seed 7 --set sink_config.type=console')
assert log.contains('[streamgen] done: 20 rows')
assert log.contains('page.view') || log.contains('order.placed') : 'the console shows the events'
