using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PesanAI.Application.Media;

namespace PesanAI.Infrastructure.Media;

public static class MediaSetup
{
    /// <summary><see cref="IMediaStore"/> over the store <c>PESANAI_MEDIA_STORE</c> names (README, Configuration; ADR 011).</summary>
    public static IServiceCollection AddMediaStore(this IServiceCollection services)
    {
        services.AddSettings<MediaOptions>();
        services.AddSingleton<TenantMediaKeys>();
        services.AddSingleton<IMediaBlobStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return options.UsesS3
                ? new S3MediaBlobStore(S3MediaBlobStore.CreateClient(options), options.S3Bucket!, sp.GetRequiredService<ILogger<S3MediaBlobStore>>())
                : new PostgresMediaBlobStore(sp.GetRequiredService<IDocumentStore>());
        });
        services.AddSingleton<IMediaStore, EncryptedMediaStore>();
        return services;
    }
}
