// The digest covers the configuration, not only the YAML: a changed javaPackage regenerates, and the
// classes of the old package are gone (no stale sources left to compile).
def log = new File(basedir, 'build.log').text
def summaries = log.readLines().findAll { it.contains('event types from') }
assert summaries.size() == 2 : summaries
summaries.each { assert it ==~ /\[INFO\] streamgen: 2 event types from 1 file, generated \d+ files/ }

def sources = new File(basedir, 'target/generated-sources/streamgen')
def javaFiles = []
sources.eachFileRecurse { if (it.name.endsWith('.java')) javaFiles << sources.toPath().relativize(it.toPath()).toString() }
assert !javaFiles.isEmpty()
javaFiles.each { assert it.startsWith('com/example/renamed/') : "stale or misplaced: ${it}" }
// Event classes in the package; the classes building the types' kernels in its kernels sub-package.
javaFiles.each { assert new File(sources, it).text =~ /(?m)^package com\.example\.renamed(\.kernels)?;$/ }

def cache = new File(basedir, 'target/streamgen-cache/default.cache').readLines()
assert cache[0] == 'streamgen-cache 1'
assert cache.findAll { it.startsWith('output ') && it.endsWith('.java') }.every { it.contains('/com/example/renamed/') }
