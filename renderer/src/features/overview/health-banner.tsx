import type { JobBanner, JobState } from '../../../../shared/contract';
import { jobStateLabels } from '../../../../shared/labels';
import { localTime, relativeTime } from '../../ui/time-text';
import { JobActions } from '../actions/job-actions';

const tone: Record<JobState, 'ok' | 'warning' | 'error' | 'neutral'> = {
  active: 'ok',
  near_quarantine: 'warning',
  stalled: 'error',
  quarantined: 'error',
  paused: 'warning',
  not_run: 'warning',
  unknown: 'neutral',
};

function When({ label, at }: { label: string; at: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {at ? (
          <time dateTime={at} title={localTime(at)}>
            {relativeTime(at)}
          </time>
        ) : (
          'none recorded'
        )}
      </dd>
    </div>
  );
}

/** The job's state in words, why, and its cycles: the first thing an admin reads. */
export function HealthBanner({ job, entraAge }: { job: JobBanner | null; entraAge: string | null }) {
  if (!job)
    return (
      <section className="health-banner tone-neutral" aria-label="Provisioning job">
        <h2>Provisioning job not read yet</h2>
        <p>ScimWatch reads the job on its first poll of Entra; its state shows here then.</p>
      </section>
    );
  return (
    <section
      className={`health-banner tone-${tone[job.state]}`}
      aria-label="Provisioning job"
      data-job-state={job.state}
    >
      <h2>{jobStateLabels[job.state]}</h2>
      {job.reason ? <p className="reason">{job.reason}</p> : null}
      <dl>
        <When label="Last successful cycle" at={job.lastSuccessfulCycleAt} />
        <When label="Last cycle" at={job.lastCycleAt} />
        <When
          label={job.state === 'quarantined' ? 'Next attempt' : 'Next cycle due'}
          at={job.nextCycleDueAt}
        />
      </dl>
      <JobActions state={job.state} />
      {entraAge ? <p className="stale">Entra is not answering: this is the job as read {entraAge}.</p> : null}
    </section>
  );
}
