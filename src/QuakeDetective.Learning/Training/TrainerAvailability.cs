using Microsoft.ML;
using Microsoft.ML.Data;

namespace QuakeDetective.Learning.Training;

/// <summary>
/// Whether LightGBM's native library (lib_lightgbm, which needs the OpenMP runtime libgomp) loads on this machine,
/// found once by fitting a tiny model. Where it does not, FastTree (managed) is the default and LightGBM stays
/// selectable, failing with the loader's reason.
/// </summary>
public static class TrainerAvailability
{
    private static readonly Lazy<string?> LightGbmProblem = new(ProbeLightGbm);

    /// <summary>Null when LightGBM works; otherwise why not (the loader's message).</summary>
    public static string? LightGbmUnavailableReason => LightGbmProblem.Value;

    public static bool IsLightGbmAvailable => LightGbmProblem.Value is null;

    /// <summary>LightGBM where its native library loads, else FastTree.</summary>
    public static string DefaultTrainer => IsLightGbmAvailable ? TrainerNames.LightGbm : TrainerNames.FastTree;

    private static string? ProbeLightGbm()
    {
        try
        {
            var ml = new MLContext(seed: 1);
            var rows = Enumerable.Range(0, 40).Select(i => new ProbeRow { Label = i % 2 == 0 ? "a" : "b", Features = [i % 2, i % 3] });
            var data = ml.Data.LoadFromEnumerable(rows);
            var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.MulticlassClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmMulticlassTrainer.Options
                {
                    NumberOfIterations = 2,
                    MinimumExampleCountPerLeaf = 2,
                    Silent = true,
                }));
            NativeTrainerGate.Run(TrainerNames.LightGbm, () => pipeline.Fit(data));
            return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException or InvalidOperationException)
        {
            var inner = ex;
            while (inner.InnerException is not null)
            {
                inner = inner.InnerException;
            }

            return $"{inner.GetType().Name}: {inner.Message}";
        }
    }

    private sealed class ProbeRow
    {
        public string Label { get; set; } = "";

        [VectorType(2)]
        public float[] Features { get; set; } = [];
    }
}
