using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Digipaja.Browser.Tests.Infrastructure;

/// <summary>Runs axe-core with the WCAG 2.0 and 2.1 level A and AA rules and fails with a readable list of violations.</summary>
public static class Axe
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertNoViolationsAsync(this IPage page, string what)
    {
        var result = await page.RunAxe(Wcag21AA);
        if (result.Violations.Length == 0) return;
        var report = new StringBuilder($"axe found {result.Violations.Length} WCAG 2.1 AA violation(s) on {what}:");
        foreach (var violation in result.Violations)
        {
            report.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help} {violation.HelpUrl}");
            foreach (var node in violation.Nodes)
                {
                report.Append($"\n    {node.Target}: {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                    report.Append($"\n      {check.Message}");
            }
        }
        Assert.Fail(report.ToString());
    }
}
