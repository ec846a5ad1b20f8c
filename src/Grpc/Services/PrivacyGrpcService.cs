using global::Grpc.Core;
using Mediator;
using PesanAI.Application.Privacy;
using Api = PesanAI.Protos.Privacy.V1;

namespace PesanAI.Host.Services;

/// <summary>
/// pesanai.privacy.v1.PrivacyService, one partial file per concern: a customer's export and erasure
/// (<c>.Customers.cs</c>), a tenant's export and deletion (<c>.Tenants.cs</c>), retention (<c>.Retention.cs</c>).
/// </summary>
public sealed partial class PrivacyGrpcService(ISender sender) : Api.PrivacyService.PrivacyServiceBase
{
    private ISender Sender { get; } = sender;

    /// <summary>A prepared export onto the call: its description first, then its bytes in chunks.</summary>
    private static async Task WriteAsync(PreparedExport export, IServerStreamWriter<Api.ArchiveChunk> responseStream, ServerCallContext context)
    {
        await ArchiveChunkStream.StartAsync(responseStream, export.Filename, ExportArchive.LayoutVersion, context.CancellationToken);
        await using var bytes = new ArchiveChunkStream(responseStream, context.CancellationToken);
        await export.WriteAsync(bytes, context.CancellationToken);
        await bytes.FlushAsync(context.CancellationToken);
    }
}
