// Two builds of an unchanged project: the second one found the cache current and wrote nothing.
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
def summaries = log.readLines().findAll { it.contains('event types from') }
assert summaries.size() == 2 : summaries
assert summaries[0] ==~ /\[INFO\] streamgen: 2 event types from 1 file, generated \d+ files/
assert summaries[1] == '[INFO] streamgen: 2 event types from 1 file, up to date'

// Build 2 stamped this marker in 'validate', before the streamgen goal ran: no output of ours,
// nor the cache, may be younger than it. (Build 1 wrote them all, so they all exist.)
def marker = new File(basedir, 'target/second-build-started')
assert marker.isFile()
def markerTime = Files.getLastModifiedTime(marker.toPath())
def outputs = []
['target/generated-sources/streamgen', 'target/generated-resources/streamgen',
 'target/streamgen-schemas', 'target/streamgen-cache'].each { dir ->
    def d = new File(basedir, dir)
    assert d.isDirectory() : dir
    d.eachFileRecurse { if (it.isFile()) outputs << it }
}
outputs << new File(basedir, 'target/second-build-regenerates-nothing-1.0-schemas.jar')
assert outputs.size() > 4
outputs.each { f ->
    assert f.isFile() : f
    def t = Files.getLastModifiedTime(f.toPath())
    assert t.compareTo(markerTime) < 0 : "${f} was written during the second build (${t} >= ${markerTime})"
}

// Unchanged sources keep the rest of the build incremental too: javac had nothing to do.
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./)
assert builds.length == 3 : 'expected two builds in build.log'
assert !builds[1].contains('Nothing to compile')
assert builds[2].contains('[INFO] Nothing to compile - all classes are up to date')
