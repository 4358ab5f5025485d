// Each run wrote what it was asked to: read back from the Delta logs (add actions' numRecords), and
// the console run's own summary in the build log.
import groovy.json.JsonSlurper

long rowsIn(File table) {
    def log = new File(table, '_delta_log')
    assert log.isDirectory() : "no Delta table at ${table}"
    def json = new JsonSlurper()
    long rows = 0
    log.eachFileMatch(~/\d{20}\.json/) { commit ->
        commit.eachLine { line ->
            def action = json.parseText(line)
            if (action.add) {
                rows += json.parseText(action.add.stats).numRecords
            }
        }
    }
    return rows
}

assert rowsIn(new File(basedir, 'target/events-batch')) == 1000
assert rowsIn(new File(basedir, 'target/events-stream')) > 0

def log = new File(basedir, 'build.log').text
assert log.contains('streamgen: running dev.streamgen.runtime.Main --rows 20 --seed 7 --set sink_config.type=console')
assert log.contains('[streamgen] done: 20 rows')
assert log.contains('page.view') || log.contains('order.placed') : 'the console shows the events'
