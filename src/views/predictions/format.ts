// The lesson panel's names for three of the views' number formats; everything else imports
// ../common/format.ts directly.
export {
  entropyInWords,
  formatNats as formatEntropy,
  formatPercent as formatProb,
} from '../common/format';
