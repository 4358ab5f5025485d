// The Spark 4 run wrote the batch: counted back from the Delta log; the job ran on Spark 4.0.
def rowsIn = evaluate(new File(repositoryRoot, 'streamgen-maven-plugin/src/it/delta-rows.groovy'))

assert rowsIn(new File(basedir, 'target/events')) == 500

def build = new File(basedir, 'build.log').text
assert build =~ /\(Spark 4\.0\.\d+, master local\[\*\]\)/
assert build.contains('[streamgen] done: 500 rows')
