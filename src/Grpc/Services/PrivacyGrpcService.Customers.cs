using Google.Protobuf.WellKnownTypes;
using global::Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Privacy;
using PesanAI.Host.Auth;
using Api = PesanAI.Protos.Privacy.V1;

namespace PesanAI.Host.Services;

/// <summary>A customer's export and erasure: the tenant's own callers only (the operator never reads customers).</summary>
public sealed partial class PrivacyGrpcService
{
    [Authorize(Policy = Policies.CustomerPrivacy)]
    public override async Task ExportCustomerData(Api.ExportCustomerDataRequest request, IServerStreamWriter<Api.ArchiveChunk> responseStream, ServerCallContext context)
    {
        var info = new Api.ArchiveInfo { Filename = "customer-data.zip", MimeType = "application/zip", LayoutVersion = ExportArchive.LayoutVersion };
        await using var destination = new ArchiveChunkStream(responseStream, context.CancellationToken, info);
        await Sender.Send(new ExportCustomerData(CustomerOf(request.CustomerCase, request.CustomerId, request.WaId, request.UserId), destination), context.CancellationToken);
        await destination.FlushAsync(context.CancellationToken);
    }

    [Authorize(Policy = Policies.CustomerPrivacy)]
    public override async Task<Api.CustomerErasure> EraseCustomer(Api.EraseCustomerRequest request, ServerCallContext context)
    {
        var erased = await Sender.Send(
            new EraseCustomer(CustomerOf(request.CustomerCase, request.CustomerId, request.WaId, request.UserId), request.RequestId, request.Reason),
            context.CancellationToken);
        return new Api.CustomerErasure
        {
            ErasureId = erased.ErasureId.ToString(),
            RequestId = erased.RequestId,
            EraseTime = Timestamp.FromDateTimeOffset(erased.ErasedAt),
            RequestedBy = erased.RequestedBy,
            Conversations = erased.Conversations,
            Messages = erased.Messages,
            MediaFiles = erased.MediaFiles,
            ConsentStatements = erased.ConsentStatements,
            OptOutKept = erased.OptOutKept,
        };
    }

    /// <summary>The request's oneof (the same field numbers in both requests) as the use cases take it.</summary>
    private static CustomerRef CustomerOf<TCase>(TCase which, string customerId, string waId, string userId)
        where TCase : struct, System.Enum => Convert.ToInt32(which, System.Globalization.CultureInfo.InvariantCulture) switch
        {
            1 => new CustomerRef(customerId, null, null),
            2 => new CustomerRef(null, waId, null),
            3 => new CustomerRef(null, null, userId),
            _ => new CustomerRef(null, null, null),
        };
}
