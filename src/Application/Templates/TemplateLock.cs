using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Common;

namespace PesanAI.Application.Templates;

/// <summary>
/// Registering a template and applying Meta's status report for it take turns (a transaction-scoped lock per
/// tenant, WABA and name): Meta may approve before RegisterTemplate has stored the template, and then the report
/// must be found by the registration, or the template by the report, never neither.
/// </summary>
internal static class TemplateLock
{
    public static async Task TakeAsync(IDocumentSession session, ITransactionLocks locks, string wabaId, string name, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        var key = BitConverter.ToInt64(NameBasedGuid.From($"pesanai:template-lock:{session.TenantId}:{wabaId}:{name}").ToByteArray(), 0);
        await locks.TakeAsync(session, key, cancellationToken);
    }
}
