using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace PesanAI.Infrastructure.WhatsApp.Graph;

/// <summary>Where Meta's Graph API is (by default the Cloud API emulator of `./pesanai up`).</summary>
public sealed class GraphApiOptions : IValidatableObject
{
    public const string DefaultBaseUrl = "http://127.0.0.1:5300/";

    private Uri _baseUrl = new(DefaultBaseUrl);

    /// <summary>Always ends in a slash, so that relative request paths keep the URL's own path.</summary>
    [ConfigurationKeyName("PESANAI_GRAPH_API_URL")]
    public Uri BaseUrl
    {
        get => _baseUrl;
        set => _baseUrl = value is { IsAbsoluteUri: true } && !value.AbsoluteUri.EndsWith('/') ? new Uri(value.AbsoluteUri + "/") : value;
    }

    [ConfigurationKeyName("PESANAI_GRAPH_API_VERSION")]
    [RegularExpression(@"^v[0-9]+\.[0-9]+$", ErrorMessage = "PESANAI_GRAPH_API_VERSION must look like v21.0.")]
    public string Version { get; set; } = "v21.0";

    /// <summary>How long one call may take; a send that times out is in doubt, never repeated blindly.</summary>
    [ConfigurationKeyName("PESANAI_GRAPH_API_TIMEOUT_SECONDS")]
    [Range(0d, 300d, MinimumIsExclusive = true, ErrorMessage = "PESANAI_GRAPH_API_TIMEOUT_SECONDS must be within (0, 300] seconds.")]
    public double TimeoutSeconds { get; set; } = 10;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is null or { IsAbsoluteUri: false } || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("PESANAI_GRAPH_API_URL must be an absolute http or https URL.", [nameof(BaseUrl)]);
        }
    }
}
