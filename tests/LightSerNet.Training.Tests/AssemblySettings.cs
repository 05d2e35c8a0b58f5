// libtorch's random generator is process-wide: tests that seed it (training, resume) must not interleave,
// or dropout masks and initial weights differ from run to run.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
