using Microsoft.Net.Http.Headers;
using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Web.Endpoints;

public static class MediaEndpoints
{
    private const string CacheControl = "public, max-age=604800";

    /// <summary>GET /media/subjects/{id}/plot.png and /audio.wav: rendered once, cached in the blob store, served with ETag.</summary>
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        var media = app.MapGroup("/media/subjects/{subjectId:long}");
        media.MapGet("/plot.png", async (long subjectId, int? w, int? h, bool? horizontals, string? kind, int? scale, HttpContext http, SubjectMedia subjects, CancellationToken ct) =>
        {
            var result = await subjects.GetPlotAsync(subjectId, new PlotRequest(w, h, horizontals, string.Equals(kind, "spectrogram", StringComparison.OrdinalIgnoreCase), scale), ct);
            return Serve(result, "image/png", http);
        });
        media.MapGet("/audio.wav", async (long subjectId, HttpContext http, SubjectMedia subjects, CancellationToken ct) =>
        {
            var result = await subjects.GetAudioAsync(subjectId, ct);
            return Serve(result, "audio/wav", http);
        });
        return app;
    }

    private static IResult Serve(Media.Caching.MediaCacheEntry? media, string contentType, HttpContext http)
    {
        if (media is null)
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = CacheControl;
        return Results.Bytes(media.Content, contentType, entityTag: new EntityTagHeaderValue(media.ETag.StartsWith('"') ? media.ETag : $"\"{media.ETag}\""), enableRangeProcessing: true);
    }
}
