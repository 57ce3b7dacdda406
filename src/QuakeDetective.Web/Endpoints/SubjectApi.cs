using QuakeDetective.Core.Queue;
using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Web.Endpoints;

public static class SubjectApi
{
    /// <summary>GET /api/subjects/next[?campaignId=ID]: the next subject for this volunteer, or 204 when none is left.</summary>
    public static IEndpointRouteBuilder MapSubjectApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/subjects/next", async (int? campaignId, HttpContext http, RequestVolunteer volunteer, SubjectQueue queue, CancellationToken ct) =>
        {
            var volunteerId = await volunteer.GetIdAsync(http, ct);
            var next = await queue.NextAsync(volunteerId, campaignId, ct);
            if (next is null)
            {
                return Results.NoContent();
            }

            return Results.Ok(new NextSubjectResponse(
                next.SubjectId,
                next.CampaignId,
                $"/media/subjects/{next.SubjectId}/plot.png",
                $"/media/subjects/{next.SubjectId}/audio.wav",
                next.Choices));
        }).DisableAntiforgery();
        return app;
    }

    public sealed record NextSubjectResponse(long SubjectId, int CampaignId, string PlotUrl, string AudioUrl, IReadOnlyList<string> Choices);
}
