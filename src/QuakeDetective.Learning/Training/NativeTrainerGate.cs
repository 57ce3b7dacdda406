namespace QuakeDetective.Learning.Training;

/// <summary>
/// One LightGBM fit at a time in this process. LightGBM's native library (with its OpenMP thread pool) aborted the
/// whole process ("terminate called without an active exception") when two fits overlapped, which can happen in the
/// site (a training run and the availability probe, or trainings of two campaigns) and did happen in the test hosts.
/// Managed trainers do not need it; waiting here costs only the time of the other fit.
/// </summary>
internal static class NativeTrainerGate
{
    private static readonly Lock Sync = new();

    public static T Run<T>(string trainer, Func<T> fit)
    {
        if (trainer != TrainerNames.LightGbm)
        {
            return fit();
        }

        lock (Sync)
        {
            return fit();
        }
    }
}
