using System.Text.Json;
using System.Text.Json.Nodes;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>
/// What happens in Business Manager and in Meta's review, on demand: a template created directly (any status),
/// and status, quality and category changes with their webhooks. Errors use Meta's error body.
/// </summary>
internal static class TemplateAdminEndpoints
{
    public static void MapTemplateAdminEndpoints(this IEndpointRouteBuilder admin)
    {
        admin.MapPost("/templates", CreateAsync);
        admin.MapPost("/templates/{id}/status", async (string id, HttpRequest request, TemplateWebhooks webhooks) =>
        {
            if (await ReadAsync(request) is not { } body)
            {
                return NotAnObject();
            }

            var status = body["status"]?.GetValueKind() == JsonValueKind.String ? body["status"]!.GetValue<string>().ToUpperInvariant() : null;
            if (status is null || !TemplateDrafts.Statuses.Contains(status))
            {
                return MetaErrors.InvalidParameter("status must be one of " + string.Join(", ", TemplateDrafts.Statuses)).ToResult();
            }

            var reason = body["reason"]?.GetValueKind() == JsonValueKind.String ? body["reason"]!.GetValue<string>() : "NONE";
            var extras = new JsonObject();
            foreach (var key in new[] { "other_info", "rejection_info", "disable_info" })
            {
                if (body[key] is JsonObject extra)
                {
                    extras[key] = extra.DeepClone();
                }
            }

            var template = webhooks.Change(id, status, string.IsNullOrWhiteSpace(reason) ? "NONE" : reason, extras);
            return template is null ? UnknownTemplate(id) : EmulatorJson.Result(template.ToListItem());
        });
        admin.MapPost("/templates/{id}/quality", async (string id, HttpRequest request, TemplateWebhooks webhooks) =>
        {
            var score = (await ReadAsync(request))?["score"] is JsonValue value && value.TryGetValue<string>(out var s) ? s.ToUpperInvariant() : null;
            if (score is null || !TemplateDrafts.QualityScores.Contains(score))
            {
                return MetaErrors.InvalidParameter("score must be GREEN, YELLOW, RED or UNKNOWN").ToResult();
            }

            var template = webhooks.Quality(id, score);
            return template is null ? UnknownTemplate(id) : EmulatorJson.Result(template.ToListItem(WithQuality));
        });
        admin.MapPost("/templates/{id}/category", async (string id, HttpRequest request, TemplateWebhooks webhooks) =>
        {
            var body = await ReadAsync(request);
            var category = body?["category"] is JsonValue value && value.TryGetValue<string>(out var c) ? c.ToUpperInvariant() : null;
            if (category is null || !TemplateDrafts.Categories.Contains(category))
            {
                return MetaErrors.InvalidParameter("category must be MARKETING, UTILITY or AUTHENTICATION").ToResult();
            }

            var notice = body!["notice"] is JsonValue flag && flag.TryGetValue<bool>(out var n) && n;
            var template = webhooks.Category(id, category, notice);
            return template is null ? UnknownTemplate(id) : EmulatorJson.Result(template.ToListItem());
        });
    }

    private static readonly IReadOnlySet<string> WithQuality = new HashSet<string>(MessageTemplate.DefaultFields) { "quality_score" };

    private static async Task<IResult> CreateAsync(HttpContext context, NumberRegistry numbers, TemplateCatalog catalog, TemplateWebhooks webhooks)
    {
        using var document = await GraphRequest.ReadObjectAsync(context.Request, context.RequestAborted);
        if (document is null)
        {
            return NotAnObject();
        }

        var body = document.RootElement;
        if (body.String("waba_id") is not { Length: > 0 } wabaId)
        {
            return MetaErrors.InvalidParameter("waba_id is required").ToResult();
        }

        if (!numbers.InWaba(wabaId).Any())
        {
            return MetaErrors.UnknownObject(wabaId).ToResult();
        }

        var (draft, problem) = TemplateDrafts.Parse(body, wabaId, admin: true);
        if (draft is null)
        {
            return MetaErrors.InvalidParameter(problem!).ToResult();
        }

        var template = catalog.Create(draft);
        if (template is null)
        {
            return (MetaErrors.TemplateExists(draft.Name, draft.Language) with { HttpStatus = StatusCodes.Status409Conflict }).ToResult();
        }

        // A decided template (anything but PENDING) is announced as Meta announces a review's outcome, after the answer.
        if (template.Status != "PENDING")
        {
            context.Response.OnCompleted(() =>
            {
                webhooks.Announce(template);
                return Task.CompletedTask;
            });
        }

        return EmulatorJson.Result(template.ToCreated());
    }

    private static async Task<JsonObject?> ReadAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult NotAnObject() => MetaErrors.InvalidParameter("The request body must be a JSON object.").ToResult();

    private static IResult UnknownTemplate(string id) => (MetaErrors.UnknownObject(id) with { HttpStatus = StatusCodes.Status404NotFound }).ToResult();
}
