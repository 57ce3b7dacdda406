using QuakeDetective.Core.Classifications;
using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Web.Endpoints;

public static class ClassificationApi
{
    /// <summary>
    /// POST /api/classifications {subjectId, answer, idempotencyKey}: 201 new vote; 200 same key again (same id);
    /// 409 this volunteer already answered the subject; 400 unknown subject or answer.
    /// </summary>
    public static IEndpointRouteBuilder MapClassificationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/classifications", async (ClassificationBody? body, HttpContext http, RequestVolunteer volunteer,
            ClassificationService classifications, CancellationToken ct) =>
        {
            if (body is null || body.SubjectId is null || string.IsNullOrWhiteSpace(body.Answer) || string.IsNullOrWhiteSpace(body.IdempotencyKey))
            {
                return Results.Problem("The body must be JSON with subjectId, answer and idempotencyKey.", statusCode: 400);
            }

            var volunteerId = await volunteer.GetIdAsync(http, ct);
            var result = await classifications.SubmitAsync(
                new ClassificationRequest(volunteerId, body.SubjectId.Value, body.Answer, body.IdempotencyKey, body.StartedAt?.UtcDateTime), ct);
            return result.Outcome switch
            {
                SubmitOutcome.Created => Results.Json(new ClassificationCreated(result.ClassificationId!.Value), statusCode: 201),
                SubmitOutcome.Replayed => Results.Ok(new ClassificationCreated(result.ClassificationId!.Value)),
                SubmitOutcome.AlreadyAnswered => Results.Problem(result.Message, statusCode: 409),
                _ => Results.Problem(result.Message, statusCode: 400),
            };
        }).DisableAntiforgery().RequireRateLimiting(RateLimiting.VotesPolicy);
        return app;
    }

    public sealed record ClassificationBody(long? SubjectId, string? Answer, string? IdempotencyKey, DateTimeOffset? StartedAt);

    public sealed record ClassificationCreated(long ClassificationId);
}
