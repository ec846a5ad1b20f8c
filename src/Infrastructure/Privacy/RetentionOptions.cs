using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace PesanAI.Infrastructure.Privacy;

/// <summary>The operator's settings of the retention purge.</summary>
public sealed class RetentionOptions
{
    /// <summary>How often the purge applies every tenant's retention policy (one node at a time).</summary>
    [ConfigurationKeyName("PESANAI_RETENTION_PURGE_INTERVAL_MINUTES")]
    [Range(1, 1440, ErrorMessage = "PESANAI_RETENTION_PURGE_INTERVAL_MINUTES must be between 1 and 1440 minutes.")]
    public int IntervalMinutes { get; set; } = 60;

    public TimeSpan Interval => TimeSpan.FromMinutes(IntervalMinutes);
}
