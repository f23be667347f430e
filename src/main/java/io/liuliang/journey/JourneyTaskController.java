package io.liuliang.journey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.customer.Customers;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Follow-up tasks journeys create for staff (a care call after a refund, ...): list and complete. */
@RestController
@RequestMapping("/api/v1/journey-tasks")
@Tag(name = "Journeys")
class JourneyTaskController {

    private static final String SELECT = "SELECT t.id, t.journey_id, j.name, t.customer_id, t.title, t.description, "
            + "t.assignee, t.due_at, t.status, t.created_at, t.done_at, t.done_by FROM journey_task t "
            + "JOIN journey j ON j.id = t.journey_id ";

    private final JdbcClient jdbc;
    private final Customers customers;

    JourneyTaskController(JdbcClient jdbc, Customers customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    record TaskView(UUID id, UUID journeyId, String journeyName, UUID customerId, String customerName, String title,
                    String description, String assignee, Instant dueAt, String status, Instant createdAt,
                    Instant doneAt, String doneBy) {

        TaskView named(String name) {
            return new TaskView(id, journeyId, journeyName, customerId, name, title, description, assignee, dueAt, status,
                    createdAt, doneAt, doneBy);
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('journey.read')")
    @Operation(summary = "Tasks by due time; status open or done, assignee a user name")
    CursorPage<TaskView> list(@RequestParam(required = false) String status, @RequestParam(required = false) String assignee,
                              @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        if (status != null && !status.isBlank() && !status.equals("open") && !status.equals("done")) {
            throw ApiProblemException.invalid("status", "must be open or done");
        }
        PageRequest page = PageRequest.of(limit, cursor);
        Instant afterDue = null;
        UUID afterId = null;
        if (page.cursorKey() != null) {
            String[] parts = page.cursorKey().split(" ", 2);
            try {
                afterDue = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
            }
        }
        String s = status == null || status.isBlank() ? null : status;
        String a = assignee == null || assignee.isBlank() ? null : assignee.trim();
        List<TaskView> rows = jdbc.sql(SELECT + "WHERE (?::text IS NULL OR t.status = ?) AND (?::text IS NULL OR t.assignee = ?) "
                        + "AND (?::timestamptz IS NULL OR (t.due_at, t.id) > (?, ?)) ORDER BY t.due_at, t.id LIMIT ?")
                .params(s, s, a, a, afterDue == null ? null : Enroller.at(afterDue), afterDue == null ? null : Enroller.at(afterDue),
                        afterId, page.fetchSize())
                .query((rs, n) -> row(rs)).list();
        Map<CustomerId, String> names = customers.displayNamesOf(rows.stream().map(r -> new CustomerId(r.customerId())).toList());
        return CursorPage.of(rows.stream().map(r -> r.named(names.get(new CustomerId(r.customerId())))).toList(),
                page.limit(), r -> PageRequest.encode(r.dueAt() + " " + r.id()));
    }

    @PostMapping("/{id}:complete")
    @PreAuthorize("hasAuthority('journey.read')")
    @Transactional
    @Operation(summary = "Mark a task done (completing a done task changes nothing); without journey.manage only the "
            + "assignee, or anyone for an unassigned task")
    TaskView complete(@PathVariable UUID id, org.springframework.security.core.Authentication caller) {
        String assignee = jdbc.sql("SELECT assignee FROM journey_task WHERE id = ?").param(id).query(String.class).optional()
                .orElse(null);
        boolean manager = caller.getAuthorities().stream().anyMatch(a -> "journey.manage".equals(a.getAuthority()));
        if (!manager && assignee != null && !assignee.equals(caller.getName())) {
            throw new ApiProblemException(io.liuliang.shared.ProblemType.FORBIDDEN,
                    "Only " + assignee + " or someone who manages journeys can complete this task");
        }
        jdbc.sql("UPDATE journey_task SET status = 'done', done_at = now(), done_by = ? WHERE id = ? AND status = 'open'")
                .params(JourneyService.actor(), id).update();
        TaskView t = jdbc.sql(SELECT + "WHERE t.id = ?").param(id).query((rs, n) -> row(rs)).optional()
                .orElseThrow(() -> ApiProblemException.notFound("task", id));
        return t.named(customers.displayNamesOf(List.of(new CustomerId(t.customerId()))).get(new CustomerId(t.customerId())));
    }

    private static TaskView row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new TaskView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, UUID.class), null, rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getTimestamp(10).toInstant(),
                rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(), rs.getString(12));
    }
}
