// @apollo/utm-grabber on a page: keeps UTM parameters and the referrer in cookies.
import { utmGrabber } from '@apollo/utm-grabber';

utmGrabber();
