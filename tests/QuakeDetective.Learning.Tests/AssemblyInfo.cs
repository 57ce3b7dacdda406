// LightGBM's native trainer crashed the test host ("terminate called without an active exception") when test classes
// trained in parallel in one process; the site itself trains one run at a time, so the tests do too.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
