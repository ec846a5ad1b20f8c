using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace PesanAI.Infrastructure.Ai;

/// <summary>The operator's AI settings; Application receives the quiet period as a plain <c>AutomationOptions</c>.</summary>
public sealed class AiOptions
{
    /// <summary>How long the AI waits after a customer's message for another before answering both.</summary>
    [ConfigurationKeyName("PESANAI_AI_QUIET_MS")]
    [Range(0d, 60_000d, ErrorMessage = "PESANAI_AI_QUIET_MS must be between 0 and 60000 milliseconds.")]
    public double QuietMilliseconds { get; set; } = Application.Automation.AutomationOptions.Default.QuietPeriod.TotalMilliseconds;

    [ConfigurationKeyName(ProviderNetworkGuard.AllowPrivateSetting)]
    public bool AllowPrivateNetworks { get; set; }
}
