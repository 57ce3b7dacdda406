using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace QuakeDetective.Learning.Prediction;

/// <summary>
/// A trained multiclass model with its manifest. <see cref="Predict"/> is thread-safe (ML.NET's PredictionEngine is
/// not, so engines come from a pool); <see cref="PredictMany"/> scores a batch through one transform, which is faster.
/// The file is a zip holding <c>manifest.json</c> and the ML.NET model (<c>model.mlnet</c>).
/// </summary>
public sealed class TrainedClassifier
{
    private const string ManifestEntry = "manifest.json";
    private const string ModelEntry = "model.mlnet";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly SchemaDefinition _inputSchema;
    private readonly ObjectPool<PredictionEngine<FeatureRow, ScoreRow>> _engines;

    internal TrainedClassifier(MLContext ml, ITransformer model, ModelManifest manifest)
    {
        _ml = ml;
        _model = model;
        Manifest = manifest;
        _inputSchema = InputSchema(manifest.FeatureNames.Count);
        _engines = new DefaultObjectPool<PredictionEngine<FeatureRow, ScoreRow>>(
            new PredictionEnginePolicy(ml, model, _inputSchema), Math.Max(2, Environment.ProcessorCount * 2));
    }

    public ModelManifest Manifest { get; }

    public IReadOnlyList<string> Classes => Manifest.Classes;

    public int FeatureCount => Manifest.FeatureNames.Count;

    public ClassPrediction Predict(float[] features)
    {
        CheckLength(features);
        var engine = _engines.Get();
        try
        {
            var score = engine.Predict(new FeatureRow { Features = features });
            return ClassPrediction.FromScores(Classes, score.Score);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    /// <summary>Predictions for many feature vectors at once, in input order.</summary>
    public IReadOnlyList<ClassPrediction> PredictMany(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count == 0)
        {
            return [];
        }

        foreach (var f in features)
        {
            CheckLength(f);
        }

        var view = _ml.Data.LoadFromEnumerable(features.Select(f => new FeatureRow { Features = f }), _inputSchema);
        var scores = _model.Transform(view).GetColumn<float[]>("Score");
        var result = new List<ClassPrediction>(features.Count);
        foreach (var score in scores)
        {
            result.Add(ClassPrediction.FromScores(Classes, score));
        }

        return result;
    }

    public void Save(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var entry = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open())
        {
            JsonSerializer.Serialize(entry, Manifest, Json);
        }

        using var model = new MemoryStream();
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), _inputSchema).Schema;
        _ml.Model.Save(_model, schema, model);
        using var modelEntry = zip.CreateEntry(ModelEntry, CompressionLevel.NoCompression).Open();
        model.Position = 0;
        model.CopyTo(modelEntry);
    }

    /// <summary>Writes the model to a temporary file beside <paramref name="path"/> and moves it into place, so no reader sees half a file.</summary>
    public void SaveFile(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Save(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <exception cref="InvalidDataException">Not a QuakeDetective model file; the message says what is missing.</exception>
    public static TrainedClassifier Load(Stream stream, string sourceName = "model")
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{sourceName} is not a model file (not a zip archive: {ex.Message}).", ex);
        }

        using (zip)
        {
            var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw new InvalidDataException($"{sourceName} is not a QuakeDetective model: it has no {ManifestEntry}.");
            var modelEntry = zip.GetEntry(ModelEntry) ?? throw new InvalidDataException($"{sourceName} is not a QuakeDetective model: it has no {ModelEntry}.");
            ModelManifest manifest;
            using (var m = manifestEntry.Open())
            {
                try
                {
                    manifest = JsonSerializer.Deserialize<ModelManifest>(m, Json) ?? throw new InvalidDataException($"{sourceName}: {ManifestEntry} is empty.");
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"{sourceName}: {ManifestEntry} is not valid JSON ({ex.Message}).", ex);
                }
            }

            if (manifest.Format != ModelManifest.CurrentFormat)
            {
                throw new InvalidDataException($"{sourceName} has model format '{manifest.Format}'; this version reads '{ModelManifest.CurrentFormat}'.");
            }

            using var buffer = new MemoryStream();
            using (var s = modelEntry.Open())
            {
                s.CopyTo(buffer);
            }

            buffer.Position = 0;
            var ml = new MLContext(manifest.Seed);
            var model = ml.Model.Load(buffer, out _);
            return new TrainedClassifier(ml, model, manifest);
        }
    }

    public static TrainedClassifier LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, Path.GetFileName(path));
    }

    internal static SchemaDefinition InputSchema(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    private void CheckLength(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length != FeatureCount)
        {
            throw new ArgumentException($"The model expects {FeatureCount} features ({Manifest.FeatureVersion}); got {features.Length}.", nameof(features));
        }
    }
}
