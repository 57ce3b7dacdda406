using System.Security.Claims;
using QuakeDetective.Core.Domain;
using QuakeDetective.Learning.Runs;
using QuakeDetective.Learning.Training;
using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Web.Endpoints;

public static class TrainingRunApi
{
    /// <summary>
    /// Admin only. POST /api/training-runs {campaignId, [campaignIds], [confidenceThreshold], [trainer], [minLabelsPerClass]}
    /// → 202 {trainingRunId}; GET /api/training-runs/{id} → status, stage, percent, message and, once trained, metrics
    /// (with the then-current model's on the same set as baseline); POST /api/training-runs/{id}/cancel → 202 or 409.
    /// </summary>
    public static IEndpointRouteBuilder MapTrainingRunApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/training-runs").RequireAuthorization(Policies.Admin).DisableAntiforgery();

        // Mapped on the app, not the group, so that the route has no trailing slash.
        app.MapPost("/api/training-runs", async (TrainingRunBody? body, ClaimsPrincipal user, LearningService learning, CancellationToken ct) =>
        {
            if (body?.CampaignId is not { } campaignId)
            {
                return Results.Problem("The body must be JSON with campaignId (and optionally campaignIds, confidenceThreshold, trainer, minLabelsPerClass).", statusCode: 400);
            }

            try
            {
                var run = await learning.StartTrainingAsync(campaignId, new TrainingRunSettings
                {
                    CampaignIds = body.CampaignIds ?? [],
                    ConfidenceThreshold = body.ConfidenceThreshold,
                    Trainer = body.Trainer,
                    MinLabelsPerClass = body.MinLabelsPerClass,
                }, user.FindFirstValue(ClaimTypes.NameIdentifier), ct);
                return Results.Accepted($"/api/training-runs/{run.Id}", new TrainingRunCreated(run.Id));
            }
            catch (ArgumentException ex)
            {
                return Results.Problem(ex.Message, statusCode: 400);
            }
        }).RequireAuthorization(Policies.Admin).DisableAntiforgery();

        group.MapGet("/{id:long}", async (long id, LearningService learning, CancellationToken ct) =>
        {
            var run = await learning.GetRunAsync(id, ct);
            if (run is null)
            {
                return Results.Problem($"No training run with id {id}.", statusCode: 404);
            }

            var model = run.ModelVersionId is { } modelId ? await learning.GetModelAsync(modelId, ct) : null;
            return Results.Ok(new TrainingRunStatusResponse(
                run.Id,
                run.CampaignId,
                run.Status.ToString(),
                run.Stage,
                run.Percent,
                run.Message,
                run.ModelVersionId,
                model?.Name,
                run.CreatedAt,
                run.StartedAt,
                run.FinishedAt,
                model?.Evaluation?.Metrics,
                model?.Evaluation?.Baseline));
        });

        group.MapPost("/{id:long}/cancel", async (long id, LearningService learning, CancellationToken ct) =>
            await learning.CancelAsync(id, ct)
                ? Results.Accepted($"/api/training-runs/{id}")
                : Results.Problem($"Training run {id} is not queued or running.", statusCode: 409));
        return app;
    }

    public sealed record TrainingRunBody(int? CampaignId, IReadOnlyList<int>? CampaignIds, double? ConfidenceThreshold, string? Trainer, int? MinLabelsPerClass);

    public sealed record TrainingRunCreated(long TrainingRunId);

    public sealed record TrainingRunStatusResponse(
        long Id,
        int? CampaignId,
        string Status,
        string Stage,
        double Percent,
        string? Message,
        int? ModelVersionId,
        string? ModelVersionName,
        DateTime CreatedAt,
        DateTime? StartedAt,
        DateTime? FinishedAt,
        ClassifierMetrics? Metrics,
        BaselineEvaluation? Baseline);
}
