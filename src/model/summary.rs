//! The counts a year is reported by: goals per bucket, tasks per status, and both per plan and
//! per group, computed once from the records.

use super::{Bucket, Goal, Group, Plan, Task, TaskStatus};

/// Counts of goals per bucket.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GoalCounts {
    /// All goals.
    pub total: usize,
    /// ≥ 100 %.
    pub completed: usize,
    /// > 70 % and < 100 %.
    pub above_70: usize,
    /// 50 %–70 %.
    pub between_50_70: usize,
    /// < 50 %.
    pub below_50: usize,
}

impl GoalCounts {
    /// The count of one bucket.
    pub fn get(&self, b: Bucket) -> usize {
        match b {
            Bucket::Completed => self.completed,
            Bucket::Above70 => self.above_70,
            Bucket::Between50And70 => self.between_50_70,
            Bucket::Below50 => self.below_50,
        }
    }
}

/// Counts of tasks per status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskCounts {
    /// All tasks.
    pub total: usize,
    /// Done.
    pub done: usize,
    /// In progress.
    pub in_progress: usize,
    /// Not started.
    pub not_started: usize,
}

impl TaskCounts {
    /// The count of one status.
    pub fn get(&self, s: TaskStatus) -> usize {
        match s {
            TaskStatus::Done => self.done,
            TaskStatus::InProgress => self.in_progress,
            TaskStatus::NotStarted => self.not_started,
        }
    }
}

/// Goal and task counts of one plan or group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartCounts {
    /// Plan or group id.
    pub id: String,
    /// Goals that name it.
    pub goals: usize,
    /// Of those goals, the completed ones.
    pub completed: usize,
    /// Tasks that name it.
    pub tasks: usize,
}

/// The counts a year is reported by, computed from its records.
#[derive(Debug, Clone, Default)]
pub struct YearSummary {
    /// Goals per bucket.
    pub goals: GoalCounts,
    /// Tasks per status.
    pub tasks: TaskCounts,
    /// Per plan, in the order the plans are defined.
    pub plans: Vec<PartCounts>,
    /// Per group, in the order the groups are defined.
    pub groups: Vec<PartCounts>,
}

impl YearSummary {
    /// Counts the goals and tasks of a year.
    pub fn compute(goals: &[Goal], tasks: &[Task], plans: &[Plan], groups: &[Group]) -> Self {
        let mut s = YearSummary::default();
        for g in goals {
            s.goals.total += 1;
            match g.bucket {
                Bucket::Completed => s.goals.completed += 1,
                Bucket::Above70 => s.goals.above_70 += 1,
                Bucket::Between50And70 => s.goals.between_50_70 += 1,
                Bucket::Below50 => s.goals.below_50 += 1,
            }
        }
        for t in tasks {
            s.tasks.total += 1;
            match t.status {
                TaskStatus::Done => s.tasks.done += 1,
                TaskStatus::InProgress => s.tasks.in_progress += 1,
                TaskStatus::NotStarted => s.tasks.not_started += 1,
            }
        }
        let count = |id: &str,
                     of_goal: &dyn Fn(&Goal) -> Option<&str>,
                     of_task: &dyn Fn(&Task) -> Option<&str>| {
            let named: Vec<&Goal> = goals.iter().filter(|g| of_goal(g) == Some(id)).collect();
            PartCounts {
                id: id.to_string(),
                goals: named.len(),
                completed: named
                    .iter()
                    .filter(|g| g.bucket == Bucket::Completed)
                    .count(),
                tasks: tasks.iter().filter(|t| of_task(t) == Some(id)).count(),
            }
        };
        s.plans = plans
            .iter()
            .map(|p| count(&p.id, &|g| g.plan.as_deref(), &|t| t.plan.as_deref()))
            .collect();
        s.groups = groups
            .iter()
            .map(|gr| count(&gr.id, &|g| g.group.as_deref(), &|t| t.group.as_deref()))
            .collect();
        s
    }
}
