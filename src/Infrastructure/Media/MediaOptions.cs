using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace PesanAI.Infrastructure.Media;

/// <summary>Where media ciphertext lives: PostgreSQL (the embedded default) or an S3-compatible bucket (ADR 011).</summary>
public sealed class MediaOptions : IValidatableObject
{
    public const string Postgres = "postgres";
    public const string S3 = "s3";

    [ConfigurationKeyName("PESANAI_MEDIA_STORE")]
    [RegularExpression("^(postgres|s3)$", ErrorMessage = "PESANAI_MEDIA_STORE must be postgres or s3.")]
    public string Store { get; set; } = Postgres;

    /// <summary>An S3-compatible server's URL (path-style addressing); unset: AWS itself, by region.</summary>
    [ConfigurationKeyName("PESANAI_S3_ENDPOINT")]
    public Uri? S3Endpoint { get; set; }

    [ConfigurationKeyName("PESANAI_S3_BUCKET")]
    public string? S3Bucket { get; set; }

    [ConfigurationKeyName("PESANAI_S3_REGION")]
    [RegularExpression("^[a-z0-9-]{1,64}$", ErrorMessage = "PESANAI_S3_REGION must be a region name such as us-east-1.")]
    public string S3Region { get; set; } = "us-east-1";

    /// <summary>With the secret below; both unset: the SDK's default credentials (instance role, AWS_* variables).</summary>
    [ConfigurationKeyName("PESANAI_S3_ACCESS_KEY_ID")]
    public string? S3AccessKeyId { get; set; }

    [ConfigurationKeyName("PESANAI_S3_SECRET_ACCESS_KEY")]
    public string? S3SecretAccessKey { get; set; }

    public bool UsesS3 => Store == S3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesS3)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(S3Bucket))
        {
            yield return new ValidationResult("PESANAI_S3_BUCKET must be set when PESANAI_MEDIA_STORE is s3.", [nameof(S3Bucket)]);
        }

        if (S3Endpoint is not null && (!S3Endpoint.IsAbsoluteUri || (S3Endpoint.Scheme != Uri.UriSchemeHttp && S3Endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("PESANAI_S3_ENDPOINT must be an absolute http or https URL.", [nameof(S3Endpoint)]);
        }

        if (string.IsNullOrEmpty(S3AccessKeyId) != string.IsNullOrEmpty(S3SecretAccessKey))
        {
            yield return new ValidationResult(
                "PESANAI_S3_ACCESS_KEY_ID and PESANAI_S3_SECRET_ACCESS_KEY must be set together (or both left unset for the default credentials).",
                [nameof(S3AccessKeyId)]);
        }
    }
}
