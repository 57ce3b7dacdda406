using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Exports;
using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Web.Endpoints;

public static class ExportEndpoints
{
    /// <summary>
    /// Scientist/admin exports run in the background: POST /api/campaigns/{id}/exports {"format", "method"} → 202 with
    /// the job id; GET /api/exports/{jobId} → status, stage, percent; GET /api/exports/{jobId}/file → the finished file
    /// (a SeisBench dataset as a zip of metadata.csv and waveforms.hdf5).
    /// </summary>
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Scientist).DisableAntiforgery();
        api.MapPost("/campaigns/{campaignId:int}/exports", async (int campaignId, ExportBody? body, HttpContext http, ExportJobs jobs, CancellationToken ct) =>
        {
            if (body is null || !ExportFormats.TryParse(body.Format, out var format))
            {
                return Results.Problem($"The body must be JSON with \"format\": one of {string.Join(", ", ExportFormats.Names)} (and optionally \"method\").", statusCode: 400);
            }

            if (body.Method is { } method && !AggregationMethods.All.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                return Results.Problem($"Unknown method '{method}'; use one of: {string.Join(", ", AggregationMethods.All)}.", statusCode: 400);
            }

            var jobId = await jobs.EnqueueAsync(campaignId, format, body.Method?.ToLowerInvariant(), http.User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
            return jobId is null
                ? Results.Problem($"Campaign {campaignId} does not exist.", statusCode: 404)
                : Results.Json(new ConsensusApi.JobAccepted(jobId.Value, $"/api/exports/{jobId}"), statusCode: 202);
        });
        api.MapGet("/exports/{jobId:long}", async (long jobId, IDbContextFactory<QuakeDbContext> dbFactory, CancellationToken ct) =>
        {
            var job = await JobStatus.FindAsync(dbFactory, jobId, ExportJobs.Kind, ct);
            return job is null ? Results.NotFound() : Results.Ok(job);
        });
        api.MapGet("/exports/{jobId:long}/file", async (long jobId, ExportJobs jobs, CancellationToken ct) =>
        {
            var download = await jobs.DownloadAsync(jobId, ct);
            return download is null
                ? Results.NotFound()
                : Results.File(download.FullPath, download.ContentType, download.FileName, enableRangeProcessing: true);
        });
        return app;
    }

    public sealed record ExportBody(string? Format, string? Method);
}
