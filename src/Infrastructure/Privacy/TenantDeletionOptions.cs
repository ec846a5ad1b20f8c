using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace PesanAI.Infrastructure.Privacy;

/// <summary>How tenant deletions wait and run (README, Configuration).</summary>
public sealed class TenantDeletionOptions
{
    /// <summary>From the request to the deletion; the request can be cancelled meanwhile. A TimeSpan: 30.00:00:00 is 30 days.</summary>
    [ConfigurationKeyName("PESANAI_TENANT_DELETION_GRACE")]
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "PESANAI_TENANT_DELETION_GRACE must be a TimeSpan within [00:01:00, 365.00:00:00] (1 minute to 365 days).")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often each node looks for due deletions (one small indexed query).</summary>
    [ConfigurationKeyName("PESANAI_TENANT_DELETION_POLL_SECONDS")]
    [Range(0.1d, 3600d, ErrorMessage = "PESANAI_TENANT_DELETION_POLL_SECONDS must be within [0.1, 3600] seconds.")]
    public double PollSeconds { get; set; } = 60;
}
