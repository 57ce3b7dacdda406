using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace QuakeDetective.Learning.Prediction;

/// <summary>Creates prediction engines for the pool (creation is serialised; an engine is used by one thread at a time).</summary>
internal sealed class PredictionEnginePolicy(MLContext ml, ITransformer model, Microsoft.ML.Data.SchemaDefinition inputSchema)
    : IPooledObjectPolicy<PredictionEngine<FeatureRow, ScoreRow>>
{
    private readonly Lock _lock = new();

    public PredictionEngine<FeatureRow, ScoreRow> Create()
    {
        lock (_lock)
        {
            return ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(model, inputSchemaDefinition: inputSchema);
        }
    }

    public bool Return(PredictionEngine<FeatureRow, ScoreRow> obj) => true;
}
