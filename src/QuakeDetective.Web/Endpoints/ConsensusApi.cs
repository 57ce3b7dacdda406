using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Exports;
using QuakeDetective.Core.Gold;
using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Web.Endpoints;

public static class ConsensusApi
{
    private const long MaxGoldCsvBytes = 20 * 1024 * 1024;

    /// <summary>
    /// Scientist/admin API of the consensus: GET /api/campaigns/{id}/consensus (the consensus export, CSV or JSON by
    /// Accept, ?method= to choose the method), POST …/consensus/recompute (202 with the job id; progress at
    /// GET /api/consensus-jobs/{jobId}), POST /api/campaigns/{id}/gold (a text/csv body subject_id,label[,explanation]:
    /// 200 with counts, or 400 listing every bad line and storing nothing), POST /api/subjects/{id}/retire and /unretire.
    /// State-changing calls take JSON or CSV bodies only, which a cross-site form cannot send.
    /// </summary>
    public static IEndpointRouteBuilder MapConsensusApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Scientist).DisableAntiforgery();
        api.MapGet("/campaigns/{campaignId:int}/consensus", GetConsensusAsync);
        api.MapPost("/campaigns/{campaignId:int}/consensus/recompute", async (int campaignId, HttpContext http, ConsensusJobs jobs, CancellationToken ct) =>
        {
            if (!IsJson(http.Request))
            {
                return Results.Problem("Send the request with Content-Type: application/json (an empty object will do).", statusCode: 415);
            }

            var jobId = await jobs.EnqueueAsync(campaignId, http.User.FindFirstValue(ClaimTypes.NameIdentifier), "requested", ct);
            return jobId is null
                ? Results.Problem($"Campaign {campaignId} does not exist.", statusCode: 404)
                : Results.Json(new JobAccepted(jobId.Value, $"/api/consensus-jobs/{jobId}"), statusCode: 202);
        });
        api.MapGet("/consensus-jobs/{jobId:long}", async (long jobId, IDbContextFactory<QuakeDbContext> dbFactory, CancellationToken ct) =>
        {
            var job = await JobStatus.FindAsync(dbFactory, jobId, ConsensusJobs.Kind, ct);
            return job is null ? Results.NotFound() : Results.Ok(job);
        });
        api.MapPost("/campaigns/{campaignId:int}/gold", async (int campaignId, HttpContext http, GoldService gold, CancellationToken ct) =>
        {
            if (!http.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) ?? true)
            {
                return Results.Problem("Send the gold labels as the body with Content-Type: text/csv (columns subject_id,label[,explanation]).", statusCode: 415);
            }

            // The CSV reader reads synchronously, which Kestrel forbids on the request body: buffer it (bounded) first.
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, ct)) > 0)
            {
                if (body.Length + read > MaxGoldCsvBytes)
                {
                    return Results.Problem($"The gold CSV is larger than {MaxGoldCsvBytes / 1024 / 1024} MB; split it.", statusCode: 413);
                }

                body.Write(buffer, 0, read);
            }

            body.Position = 0;
            using var reader = new StreamReader(body);
            var result = await gold.ImportCsvAsync(campaignId, reader, http.User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
            return result.Stored
                ? Results.Ok(new { result.Added, result.Updated, result.Unchanged })
                : Results.Problem(
                    title: "No gold label was stored: fix these lines and send the file again.",
                    statusCode: 400,
                    extensions: new Dictionary<string, object?> { ["errors"] = result.Problems.Select(p => new { p.Line, p.Message }).ToList() });
        });
        api.MapPost("/subjects/{subjectId:long}/retire", (long subjectId, HttpContext http, SubjectRetirementService retirement, CancellationToken ct) =>
            ChangeRetirementAsync(http, () => retirement.RetireAsync(subjectId, http.User.FindFirstValue(ClaimTypes.NameIdentifier), ct)));
        api.MapPost("/subjects/{subjectId:long}/unretire", (long subjectId, HttpContext http, SubjectRetirementService retirement, CancellationToken ct) =>
            ChangeRetirementAsync(http, () => retirement.UnretireAsync(subjectId, http.User.FindFirstValue(ClaimTypes.NameIdentifier), ct)));
        return app;
    }

    private static async Task<IResult> ChangeRetirementAsync(HttpContext http, Func<Task<bool>> change)
    {
        if (!IsJson(http.Request))
        {
            return Results.Problem("Send the request with Content-Type: application/json (an empty object will do).", statusCode: 415);
        }

        return await change() ? Results.NoContent() : Results.NotFound();
    }

    /// <summary>Streams the export straight into the response: CSV unless the client asks for JSON only.</summary>
    private static async Task GetConsensusAsync(int campaignId, string? method, HttpContext http, ExportService exports, CancellationToken ct)
    {
        var wantsJson = PrefersJson(http.Request.GetTypedHeaders().Accept);
        if (wantsJson is null)
        {
            await Results.Problem("The consensus is available as text/csv or application/json.", statusCode: 406).ExecuteAsync(http);
            return;
        }

        if (method is not null && !AggregationMethods.All.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            await Results.Problem($"Unknown method '{method}'; use one of: {string.Join(", ", AggregationMethods.All)}.", statusCode: 400).ExecuteAsync(http);
            return;
        }

        var name = await exports.CampaignNameAsync(campaignId, ct);
        if (name is null)
        {
            await Results.Problem($"Campaign {campaignId} does not exist.", statusCode: 404).ExecuteAsync(http);
            return;
        }

        var format = wantsJson == true ? ExportFormat.ConsensusJson : ExportFormat.ConsensusCsv;
        http.Response.ContentType = wantsJson == true ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
        http.Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("inline")
        {
            FileNameStar = ExportFormats.FileName(name, format, DateTime.UtcNow),
        }.ToString();
        http.Response.Headers.Vary = "Accept";
        await exports.WriteToStreamAsync(new ExportRequest(campaignId, format, method?.ToLowerInvariant()), http.Response.Body, null, ct);
    }

    /// <summary>
    /// True for JSON, false for CSV, null when the client accepts neither. JSON only when asked for explicitly and
    /// preferred to CSV; no Accept header, */* and text/* mean CSV (the export scientists open in a spreadsheet).
    /// </summary>
    private static bool? PrefersJson(IList<MediaTypeHeaderValue> accept)
    {
        if (accept.Count == 0)
        {
            return false;
        }

        double Quality(Func<MediaTypeHeaderValue, bool> match) => accept.Where(match).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var json = Quality(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        var csv = Quality(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        var any = Quality(a => a.MatchesAllTypes || a.MediaType.Equals("text/*", StringComparison.OrdinalIgnoreCase));
        if (json > 0 && json > csv)
        {
            return true;
        }

        return csv > 0 || any > 0 ? false : null;
    }

    private static bool IsJson(HttpRequest request) => request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    public sealed record JobAccepted(long JobId, string StatusUrl);
}
