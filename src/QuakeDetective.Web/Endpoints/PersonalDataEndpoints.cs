using QuakeDetective.Core.Privacy;

namespace QuakeDetective.Web.Endpoints;

public static class PersonalDataEndpoints
{
    /// <summary>
    /// A volunteer's own data, for anyone (account or anonymous browser) and only ever the caller's:
    /// GET /api/me/data (JSON; ?format=zip for JSON + votes CSV) and POST /api/me/data/delete with a JSON body
    /// {"password"} (signed in) or {"confirm": true} (anonymous): 200 with what was done, 400 without the confirmation,
    /// 409 for the last administrator. JSON bodies only, which a cross-site form cannot send.
    /// </summary>
    public static IEndpointRouteBuilder MapPersonalDataEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/data", async (string? format, HttpContext http, PersonalDataExporter exporter, CancellationToken ct) =>
        {
            if (PersonalDataRequests.OwnerOf(http) is not { } owner)
            {
                return Results.Problem("This request has neither an account nor a volunteer cookie.", statusCode: 400);
            }

            var zip = string.Equals(format, "zip", StringComparison.OrdinalIgnoreCase);
            if (!zip && format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Problem($"Unknown format '{format}'; use json (default) or zip.", statusCode: 400);
            }

            var export = await exporter.ExportAsync(owner, ct);
            http.Response.Headers.CacheControl = "no-store";
            return zip
                ? Results.File(PersonalDataFiles.ToZip(export), "application/zip", PersonalDataFiles.ZipFileName)
                : Results.File(PersonalDataFiles.ToJson(export), "application/json", PersonalDataFiles.JsonFileName);
        }).DisableAntiforgery();
        app.MapPost("/api/me/data/delete", async (HttpContext http, CancellationToken ct) =>
        {
            if (!(http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
            {
                return Results.Problem("Send the request with Content-Type: application/json.", statusCode: 415);
            }

            DeleteBody? body;
            try
            {
                body = await http.Request.ReadFromJsonAsync<DeleteBody>(ct);
            }
            catch (System.Text.Json.JsonException)
            {
                return Results.Problem("The body must be JSON: {\"password\": \"…\"} when signed in, {\"confirm\": true} otherwise.", statusCode: 400);
            }

            var attempt = await PersonalDataRequests.ConfirmAndEraseAsync(http, body?.Password, body?.Confirm == true, ct);
            return attempt.Succeeded
                ? Results.Ok(new
                {
                    outcome = attempt.Result!.Outcome.ToString(),
                    message = attempt.Message,
                    votesAnonymised = attempt.Result.VotesAnonymised,
                    expertVotesRemoved = attempt.Result.ExpertVotesRemoved,
                })
                : Results.Problem(attempt.Message, statusCode: attempt.StatusCode);
        }).DisableAntiforgery();
        return app;
    }

    public sealed record DeleteBody(string? Password, bool? Confirm);
}
