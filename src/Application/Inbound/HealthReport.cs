using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Inbound;

/// <summary>
/// One number-health webhook change, routed by its WABA (<c>entry[].id</c>): <c>phone_number_quality_update</c>
/// (<see cref="DisplayPhoneNumber"/>, <see cref="Event"/>, <see cref="LimitTier"/>), <c>business_capability_update</c>
/// (<see cref="LimitTier"/>) or <c>account_update</c> (<see cref="Account"/>). Values as Meta sent them.
/// </summary>
public sealed record HealthReport(string Field, string WabaId)
{
    public const string QualityField = "phone_number_quality_update";
    public const string CapabilityField = "business_capability_update";
    public const string AccountField = "account_update";

    public string? DisplayPhoneNumber { get; init; }

    public string? Event { get; init; }

    /// <summary><c>max_daily_conversations_per_business</c>, else the older <c>current_limit</c> / <c>max_daily_conversation_per_phone</c>.</summary>
    public string? LimitTier { get; init; }

    public AccountUpdate? Account { get; init; }

    /// <summary>No phone number in logs: the display number stays out of <see cref="ToString"/>.</summary>
    public override string ToString() => $"HealthReport {{ Field = {Field}, WabaId = {WabaId}, Event = {Event}, LimitTier = {LimitTier} }}";
}
