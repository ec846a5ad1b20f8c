using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace PesanAI.Infrastructure.Media;

/// <summary>How inbound media is fetched from Meta (the store itself is configured by <c>PESANAI_MEDIA_STORE</c>).</summary>
public sealed class MediaFetchOptions
{
    public const string AllowPrivateSetting = "PESANAI_MEDIA_ALLOW_PRIVATE_NETWORKS";

    /// <summary>Off: this node fetches nothing (another node does; the list of fetches is in the database).</summary>
    [ConfigurationKeyName("PESANAI_MEDIA_FETCH_ENABLED")]
    public bool Enabled { get; set; } = true;

    /// <summary>Downloads at once on this node; each holds two database connections (its lease, its session) meanwhile.</summary>
    [ConfigurationKeyName("PESANAI_MEDIA_FETCH_CONCURRENCY")]
    [Range(1, 64, ErrorMessage = "PESANAI_MEDIA_FETCH_CONCURRENCY must be between 1 and 64.")]
    public int Concurrency { get; set; } = 4;

    /// <summary>One download, from the first byte asked to the last stored (a 100 MB document on a slow link takes minutes).</summary>
    [ConfigurationKeyName("PESANAI_MEDIA_DOWNLOAD_TIMEOUT_SECONDS")]
    [Range(1d, 3600d, ErrorMessage = "PESANAI_MEDIA_DOWNLOAD_TIMEOUT_SECONDS must be within [1, 3600] seconds.")]
    public double DownloadTimeoutSeconds { get; set; } = 600;

    /// <summary>The first retry of a failed fetch; each further one waits twice as long, up to 30 minutes, with jitter.</summary>
    [ConfigurationKeyName("PESANAI_MEDIA_RETRY_BASE_SECONDS")]
    [Range(0.01d, 3600d, ErrorMessage = "PESANAI_MEDIA_RETRY_BASE_SECONDS must be within [0.01, 3600] seconds.")]
    public double RetryBaseSeconds { get; set; } = 2;

    /// <summary>
    /// Download URLs come from Meta's answers: only public addresses are connected to, except the Graph API's own host
    /// (configured by the operator), unless this is true.
    /// </summary>
    [ConfigurationKeyName(AllowPrivateSetting)]
    public bool AllowPrivateNetworks { get; set; }

    public TimeSpan DownloadTimeout => TimeSpan.FromSeconds(DownloadTimeoutSeconds);
}
