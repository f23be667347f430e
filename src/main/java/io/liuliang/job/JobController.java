package io.liuliang.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.PageRequest;
import io.liuliang.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Background work with progress")
class JobController {

    private static final String JOB_MANAGE = "job.manage";
    private final JobRepository jobs;

    JobController(JobRepository jobs) {
        this.jobs = jobs;
    }

    record JobView(UUID id, String type, String description, JobStatus status, long done, Long total, Double percent,
                   Double ratePerSecond, Long etaSeconds, String error, boolean cancelRequested, int attempts,
                   String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt, boolean hasResult) {

        static JobView of(JobRow j) {
            Instant now = Instant.now();
            return new JobView(j.id().value(), j.type(), j.description(), j.status(), j.done(), j.total(), j.percent(),
                    j.ratePerSecond(now), j.etaSeconds(now), j.error(), j.cancelRequested(), j.attempts(), j.createdBy(),
                    j.createdAt(), j.startedAt(), j.finishedAt(), j.hasResult());
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('job.read')")
    @Operation(summary = "List jobs, newest first (cursor pagination)")
    CursorPage<JobView> list(@RequestParam(required = false) JobStatus status, @RequestParam(required = false) String type,
                             @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return CursorPage.of(jobs.search(status, type, page.cursorAsLong(), page.fetchSize()), page.limit(),
                j -> PageRequest.encode(Long.toString(j.seq()))).map(JobView::of);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('job.read')")
    @Operation(summary = "A job with its progress, rate and ETA")
    JobView get(@PathVariable UUID id) {
        return JobView.of(find(id));
    }

    @PostMapping("/{id}:cancel")
    @PreAuthorize("hasAuthority('job.read')")
    @Operation(summary = "Cancel a queued or running job (job.manage, or the job's creator)")
    JobView cancel(@PathVariable UUID id) {
        JobRow job = find(id);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean manager = auth.getAuthorities().stream().anyMatch(a -> JOB_MANAGE.equals(a.getAuthority()));
        if (!manager && !Objects.equals(job.createdBy(), auth.getName())) {
            throw new ApiProblemException(ProblemType.FORBIDDEN, "Only the job's creator or a holder of job.manage may cancel it");
        }
        if (job.status().finished()) {
            throw ApiProblemException.conflict("The job has already ended (" + job.status() + ")");
        }
        jobs.requestCancel(job.id());
        return JobView.of(find(id));
    }

    @GetMapping("/{id}/result")
    @PreAuthorize("hasAuthority('job.read')")
    @Operation(summary = "Download the file a job produced")
    ResponseEntity<byte[]> result(@PathVariable UUID id) {
        JobRow job = find(id);
        if (job.resultPermission() != null) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth.getAuthorities().stream().noneMatch(a -> job.resultPermission().equals(a.getAuthority()))) {
                throw new ApiProblemException(ProblemType.FORBIDDEN, "This result needs the permission " + job.resultPermission());
            }
        }
        JobRepository.Result result = jobs.result(job.id())
                .orElseThrow(() -> new ApiProblemException(ProblemType.NOT_FOUND, "Job " + id + " has no result file"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(result.filename(), StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(result.contentType()))
                .body(result.content());
    }

    private JobRow find(UUID id) {
        return jobs.find(new JobId(id)).orElseThrow(() -> ApiProblemException.notFound("Job", id));
    }
}
