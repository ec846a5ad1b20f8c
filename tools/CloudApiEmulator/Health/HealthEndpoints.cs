using System.Text.Json;
using System.Text.Json.Nodes;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Health;

/// <summary>
/// Number health on demand: change a number's quality or throughput level, a WABA's messaging limit, restrictions or
/// ban state, each with the webhook Meta sends for it (in the current or the older shape), or post any health webhook
/// as given. <c>GET /{v}/{phone-number-id}</c> shows the same state.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder admin)
    {
        admin.MapPost("/numbers/{id}/quality", ChangeNumberAsync);
        admin.MapPost("/wabas/{id}/limit", ChangeLimitAsync);
        admin.MapPost("/wabas/{id}/account", ChangeAccountAsync);
        admin.MapPost("/wabas/{id}/webhook", PostRawAsync);
        admin.MapGet("/wabas/{id}", (string id, HealthBook health, TimeProvider clock) => EmulatorJson.Result(AccountView(id, health, clock)));
    }

    /// <summary><c>GET /{v}/{phone-number-id}</c>: Meta's phone number node with the optional health fields.</summary>
    public static IResult NumberNode(BusinessNumber number, HttpRequest request, HealthBook health)
    {
        if (!NumberRegistry.TokenMatches(number, GraphRequest.Token(request)))
        {
            return MetaErrors.InvalidToken().ToResult();
        }

        var state = health.Number(number.PhoneNumberId);
        var node = new JsonObject
        {
            ["id"] = number.PhoneNumberId,
            ["display_phone_number"] = number.DisplayPhoneNumber,
            ["verified_name"] = "Emulated Business",
            ["quality_rating"] = state.QualityRating,
            ["throughput"] = new JsonObject { ["level"] = state.ThroughputLevel },
            ["whatsapp_business_manager_messaging_limit"] = health.AccountOf(number.WabaId).Tier,
            ["name_status"] = state.NameStatus,
            ["status"] = state.Status,
            ["is_on_biz_app"] = state.OnBizApp,
        };
        return Results.Text(node.ToJsonString(), "application/json");
    }

    private static async Task<IResult> ChangeNumberAsync(
        string id, QualityChange change, NumberRegistry numbers, HealthBook health, HealthWebhooks webhooks, CancellationToken cancellationToken)
    {
        if (numbers.Find(id) is not { } number)
        {
            return Results.NotFound(new { error = "no such number" });
        }

        var before = health.Number(id);
        var after = before with
        {
            QualityRating = Upper(change.QualityRating) ?? before.QualityRating,
            ThroughputLevel = Upper(change.ThroughputLevel) ?? before.ThroughputLevel,
            OnBizApp = change.OnBizApp ?? before.OnBizApp,
            NameStatus = Upper(change.NameStatus) ?? before.NameStatus,
            Status = Upper(change.Status) ?? before.Status,
        };
        health.SetNumber(id, after);
        if (change.ThroughputPerSecond is > 0 || after.ThroughputLevel != before.ThroughputLevel || after.OnBizApp != before.OnBizApp)
        {
            number = numbers.SetThroughput(id, change.ThroughputPerSecond is > 0 and var rate ? rate : HealthBook.RateOf(after))!;
        }

        var metaEvent = change.Event ?? (after.ThroughputLevel, before.ThroughputLevel) switch
        {
            ("HIGH", not "HIGH") => "THROUGHPUT_UPGRADE",
            (not "HIGH", "HIGH") => "DOWNGRADE",
            _ when after.QualityRating == "RED" && before.QualityRating != "RED" => "FLAGGED",
            _ when after.QualityRating != "RED" && before.QualityRating == "RED" => "UNFLAGGED",
            _ => null,
        };
        int? status = null;
        if (metaEvent is not null && change.Webhook != false)
        {
            var value = QualityValue(number, metaEvent, health.AccountOf(number.WabaId).Tier, null, change.Shape);
            status = (await webhooks.PostAsync(number.WabaId, "phone_number_quality_update", value, cancellationToken)).Status;
        }

        return EmulatorJson.Result(new { phone_number_id = id, health = after, throughput_per_second = number.ThroughputPerSecond, @event = metaEvent, webhook_status = status });
    }

    private static async Task<IResult> ChangeLimitAsync(
        string id, LimitChange change, NumberRegistry numbers, HealthBook health, HealthWebhooks webhooks, CancellationToken cancellationToken)
    {
        if (Upper(change.Tier) is not { } tier)
        {
            return Results.BadRequest(new { error = "tier is required, e.g. TIER_2K" });
        }

        var account = health.AccountOf(id);
        var old = account.Tier;
        account.Tier = tier;
        var statuses = new List<int?>();
        if (change.Webhook != false)
        {
            if (change.Shape is "quality" or "quality_old")
            {
                var metaEvent = (HealthBook.LimitOf(tier) ?? int.MaxValue) >= (HealthBook.LimitOf(old) ?? int.MaxValue) ? "UPGRADE" : "DOWNGRADE";
                foreach (var number in numbers.InWaba(id))
                {
                    var value = QualityValue(number, metaEvent, tier, old, change.Shape == "quality_old" ? "old" : "new");
                    statuses.Add((await webhooks.PostAsync(id, "phone_number_quality_update", value, cancellationToken)).Status);
                }
            }
            else
            {
                var value = new JsonObject { ["max_daily_conversations_per_business"] = tier, ["max_phone_numbers_per_business"] = 20 };
                statuses.Add((await webhooks.PostAsync(id, "business_capability_update", value, cancellationToken)).Status);
            }
        }

        return EmulatorJson.Result(new { waba_id = id, tier, old_tier = old, webhook_statuses = statuses });
    }

    private static async Task<IResult> ChangeAccountAsync(
        string id, AccountChange change, HealthBook health, HealthWebhooks webhooks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var account = health.AccountOf(id);
        var statuses = new List<int?>();
        if (change.Restrictions is { } restrictions)
        {
            account.Restrictions = [.. restrictions.Select(r => new RestrictionState(
                r.RestrictionType?.ToUpperInvariant() ?? "RESTRICTED_BIZ_INITIATED_MESSAGING",
                r.Expiration is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null))];
            var info = new JsonArray([.. account.Restrictions.Select(r => (JsonNode)new JsonObject
            {
                ["restriction_type"] = r.RestrictionType,
                ["expiration"] = r.Expiration?.ToUnixTimeSeconds(),
            })]);
            statuses.Add(await PostIfAsync(change, webhooks, id, new JsonObject { ["event"] = "ACCOUNT_RESTRICTION", ["restriction_info"] = info }, cancellationToken));
        }

        if (Upper(change.ViolationType) is { } violation)
        {
            var value = new JsonObject { ["event"] = "ACCOUNT_VIOLATION", ["violation_info"] = new JsonObject { ["violation_type"] = violation } };
            statuses.Add(await PostIfAsync(change, webhooks, id, value, cancellationToken));
        }

        if (Upper(change.BanState) is { } ban)
        {
            account.BanState = ban == "REINSTATE" ? null : ban;
            var value = new JsonObject
            {
                ["event"] = "DISABLED_UPDATE",
                ["ban_info"] = new JsonObject { ["waba_ban_state"] = ban, ["waba_ban_date"] = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            };
            statuses.Add(await PostIfAsync(change, webhooks, id, value, cancellationToken));
        }

        return EmulatorJson.Result(new { account = AccountView(id, health, clock), webhook_statuses = statuses });
    }

    /// <summary>Any health webhook as given (an older shape, an unknown event): <c>{field, value}</c>.</summary>
    private static async Task<IResult> PostRawAsync(string id, RawChange change, HealthWebhooks webhooks, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(change.Field) || change.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return Results.BadRequest(new { error = "field and value (an object) are required" });
        }

        var attempt = await webhooks.PostAsync(id, change.Field, JsonNode.Parse(value.GetRawText())!.AsObject(), cancellationToken);
        return EmulatorJson.Result(new { webhook_status = attempt.Status, webhook_error = attempt.Error });
    }

    private static async Task<int?> PostIfAsync(AccountChange change, HealthWebhooks webhooks, string wabaId, JsonObject value, CancellationToken cancellationToken) =>
        change.Webhook == false ? null : (await webhooks.PostAsync(wabaId, "account_update", value, cancellationToken)).Status;

    /// <summary>The current shape names the limit max_daily_conversations_per_business; the older one current_limit and old_limit.</summary>
    private static JsonObject QualityValue(BusinessNumber number, string metaEvent, string tier, string? oldTier, string? shape)
    {
        var value = new JsonObject { ["display_phone_number"] = number.DisplayPhoneNumber.TrimStart('+'), ["event"] = metaEvent };
        if (shape == "old")
        {
            value["current_limit"] = tier;
            if (oldTier is not null)
            {
                value["old_limit"] = oldTier;
            }
        }
        else
        {
            value["max_daily_conversations_per_business"] = tier;
        }

        return value;
    }

    private static object AccountView(string wabaId, HealthBook health, TimeProvider clock)
    {
        var account = health.AccountOf(wabaId);
        var now = clock.GetUtcNow();
        return new
        {
            waba_id = wabaId,
            tier = account.Tier,
            reached_in_24h = account.ReachedSince(now.AddHours(-24)),
            restrictions = account.Restrictions,
            ban_state = account.BanState,
        };
    }

    private static string? Upper(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();

    internal sealed record QualityChange(
        string? QualityRating, string? ThroughputLevel, bool? OnBizApp, int? ThroughputPerSecond, string? NameStatus, string? Status, string? Event, string? Shape, bool? Webhook);

    internal sealed record LimitChange(string? Tier, string? Shape, bool? Webhook);

    internal sealed record RestrictionInput(string? RestrictionType, long? Expiration);

    internal sealed record AccountChange(IReadOnlyList<RestrictionInput>? Restrictions, string? ViolationType, string? BanState, bool? Webhook);

    internal sealed record RawChange(string? Field, JsonElement? Value);
}
