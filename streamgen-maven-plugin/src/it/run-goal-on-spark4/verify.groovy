// The Spark 4 run wrote the batch: counted back from the Delta log; the job ran on Spark 4.0.
import groovy.json.JsonSlurper

def json = new JsonSlurper()
def log = new File(basedir, 'target/events/_delta_log')
assert log.isDirectory() : 'no Delta table at target/events'
long rows = 0
log.eachFileMatch(~/\d{20}\.json/) { commit ->
    commit.eachLine { line ->
        def action = json.parseText(line)
        if (action.add) {
            rows += json.parseText(action.add.stats).numRecords
        }
    }
}
assert rows == 500

def build = new File(basedir, 'build.log').text
assert build =~ /\(Spark 4\.0\.\d+, master local\[\*\]\)/
assert build.contains('[streamgen] done: 500 rows')
