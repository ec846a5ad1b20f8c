using Google.Protobuf.WellKnownTypes;
using PesanAI.Domain.Tenants;
using Api = PesanAI.Protos.Privacy.V1;

namespace PesanAI.Host.Mapping;

/// <summary>The retention policy by hand: five optional durations. A duration that is not a valid protobuf one maps to a value the rules refuse, field named.</summary>
public static class RetentionMapping
{
    public static Api.RetentionPolicy ToApi(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var policy = tenant.Retention;
        return new Api.RetentionPolicy
        {
            MessageContent = ToApi(policy.MessageContent),
            Media = ToApi(policy.Media),
            WebhookBodies = ToApi(policy.WebhookBodies),
            AiRecords = ToApi(policy.AiRecords),
            AccessRecords = ToApi(policy.AccessRecords),
            UpdateTime = Timestamp.FromDateTimeOffset(tenant.UpdatedAt),
            Version = tenant.Version,
        };
    }

    public static RetentionPolicy? ToDomain(Api.RetentionPolicy? policy) => policy is null
        ? null
        : new RetentionPolicy(
            ToDomain(policy.MessageContent),
            ToDomain(policy.Media),
            ToDomain(policy.WebhookBodies),
            ToDomain(policy.AiRecords),
            ToDomain(policy.AccessRecords));

    private static Duration? ToApi(TimeSpan? period) => period is { } p ? Duration.FromTimeSpan(p) : null;

    private static TimeSpan? ToDomain(Duration? duration) => duration switch
    {
        null => null,
        { Seconds: >= 0 and <= Duration.MaxSeconds, Nanos: >= 0 and < Duration.NanosecondsPerSecond } d => d.ToTimeSpan(),
        _ => TimeSpan.MinValue,
    };
}
