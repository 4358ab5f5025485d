// Shared by the verify scripts of the streamgen:run ITs: the rows a Delta table holds, summed from the
// numRecords of the add actions in its log (no Spark needed to read it back).
// Use: def rowsIn = evaluate(new File(repositoryRoot, 'streamgen-maven-plugin/src/it/delta-rows.groovy'))
import groovy.json.JsonSlurper

return { File table ->
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
    rows
}
